/** A webhook payload without the fields the bot needs: reported (HTTP 400 from the Lambda), nothing written. */
export class MalformedPayloadError extends Error {
  constructor(event: string, issues: string) {
    super(`the ${event} payload is missing what meshfed needs: ${issues}`);
    this.name = 'MalformedPayloadError';
  }
}
