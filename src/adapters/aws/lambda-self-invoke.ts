import type { DeferredDelivery } from '../github/events/deferred-delivery.js';

/**
 * Queues a verified delivery as an asynchronous invocation of this very function (Lambda `Invoke` with
 * `InvocationType: Event`, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): Lambda answers 202 once
 * the event is in the function's own queue and runs it later in another invocation, which may take up to the
 * function's timeout, retries it twice when it fails, then hands it to the on-failure destination or dead-letter
 * queue if one is configured (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 * Needs `lambda:InvokeFunction` on the function itself (docs/github-app.md). The AWS SDK is loaded on first use,
 * so events the bot ignores never load it.
 */
export function lambdaSelfInvoker(): (delivery: DeferredDelivery, functionArn: string) => Promise<void> {
  let client: Promise<{ send(delivery: DeferredDelivery, functionArn: string): Promise<number | undefined> }> | undefined;
  return async (delivery, functionArn) => {
    client ??= (async () => {
      const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
      const lambda = new LambdaClient({});
      return {
        send: async (d: DeferredDelivery, arn: string) =>
          (await lambda.send(new InvokeCommand({ FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(d)) }))).StatusCode,
      };
    })();
    const status = await (await client).send(delivery, functionArn);
    if (status !== 202) throw new Error(`Lambda answered ${String(status)} to the asynchronous invocation (202 expected)`);
  };
}
