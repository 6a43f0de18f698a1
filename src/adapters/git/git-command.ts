import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';

export class GitError extends Error {
  override readonly name = 'GitError';
}

/**
 * Runs git with an argument array (never a shell) in `repoDir` and returns stdout as bytes. Paths are printed
 * unquoted, messages in English, and git never prompts. `input` is written to git's stdin.
 */
export function gitBuffer(repoDir: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      { cwd: repoDir, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.toString('utf8').trim();
          reject(new GitError(`git ${args[0] ?? ''} failed in ${repoDir}${detail ? `: ${detail}` : ''}`, { cause: error }));
        } else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** `gitBuffer` decoded as UTF-8. */
export async function git(repoDir: string, args: readonly string[]): Promise<string> {
  return (await gitBuffer(repoDir, args)).toString('utf8');
}

/** The repository's top-level directory, or undefined when `dir` is not inside a git work tree. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
}

/** Where `dir` sits in its work tree: the top-level directory and `dir`'s POSIX path inside it ('' at the top). */
export async function locateInWorkTree(dir: string): Promise<{ readonly top: string; readonly prefix: string } | undefined> {
  const top = await gitTopLevel(dir);
  if (top === undefined) return undefined;
  return { top, prefix: relative(await realpath(top), await realpath(dir)).split('\\').join('/') };
}
