/** What is known about the CODEOWNERS file at the head of a change. */
export interface HeadCodeowners {
  /** Repository-relative path of the CODEOWNERS file GitHub reads at head. */
  readonly path: string;
  /** The head's file is exactly what `meshfed codeowners` generates from the head's peers. */
  readonly upToDate: boolean;
}

/**
 * A CODEOWNERS change is federation-wide (every peer must approve), except when the head's file is exactly the
 * generated one: then it only mirrors owner changes that the peer folders (or admission of a new peer) already
 * gate. Without this, a new peer's pull request, which must add its CODEOWNERS line for meshfed/validate to
 * pass, would need every existing peer whatever `admission.newPeer` says.
 */
export function consentRelevantChanges(changed: readonly string[], codeowners: HeadCodeowners | undefined): string[] {
  if (codeowners === undefined || !codeowners.upToDate) return [...changed];
  return changed.filter((p) => p !== codeowners.path);
}
