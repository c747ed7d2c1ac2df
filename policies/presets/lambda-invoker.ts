import { definePreset } from './define';

/** Invoke the zone's Lambda functions and read their configuration. */
export default definePreset({
  summary: 'List functions; invoke functions of the zone and read their configuration.',
  doc:
    'Invoking and reading the configuration are authorized against the `function` resource, which carries ' +
    '`aws:ResourceTag/<key>`: only functions tagged with the zone. Tags live on the function, not on its ' +
    'versions or aliases, so a qualified ARN (`name:alias`) is judged by the function\'s tags. `ListFunctions` ' +
    'has no resource type and cannot be scoped: it lists the names and configuration of every function (not ' +
    'code, not environment values a KMS key protects). `GetFunction` is left out: it returns a download link ' +
    'for the code. A function URL with `AuthType: AWS_IAM` needs `lambda:InvokeFunctionUrl`, not granted; ' +
    'asynchronous `InvokeAsync` is deprecated and not granted.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/attribute-based-access-control.html',
  ],
  statements: [
    { scope: 'none', actions: ['lambda:ListFunctions'], why: 'ListFunctions has no resource type; configuration metadata only' },
    { scope: 'resource-tag', actions: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'] },
  ],
  taggable: [{ type: 'function', tag: 'lambda:TagResource', untag: 'lambda:UntagResource', create: 'lambda:CreateFunction' }],
  notGranted: [
    'lambda:DeleteFunction',
    'lambda:GetFunction',
    'lambda:InvokeAsync',
    'lambda:InvokeFunctionUrl',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
  ],
});
