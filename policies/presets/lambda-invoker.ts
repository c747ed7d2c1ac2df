import { definePreset } from './define';

/** Invoke the zone's Lambda functions and read their configuration. */
export default definePreset({
  summary: 'Invoke functions of the zone and read their configuration.',
  doc:
    'Invoking and reading the configuration are authorized against the `function` resource, which carries ' +
    '`aws:ResourceTag/<key>`: only functions tagged with the zone. Tags live on the function, not on its ' +
    "versions or aliases, so a qualified ARN (`name:alias`) is judged by the function's tags. `ListFunctions` " +
    "is left out: it has no resource type, so it cannot be scoped, and its response holds every function's " +
    'configuration including its environment variables (ListFunctions API reference). `GetFunction` is left out: it returns a download link ' +
    'for the code. A function URL with `AuthType: AWS_IAM` needs `lambda:InvokeFunctionUrl`, not granted; ' +
    'asynchronous `InvokeAsync` is deprecated and not granted.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/attribute-based-access-control.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html',
  ],
  statements: [{ scope: 'resource-tag', actions: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'] }],
  taggable: [
    { type: 'function', tag: 'lambda:TagResource', untag: 'lambda:UntagResource', create: 'lambda:CreateFunction' },
  ],
  notGranted: [
    'lambda:DeleteFunction',
    'lambda:GetFunction',
    'lambda:InvokeAsync',
    'lambda:InvokeFunctionUrl',
    'lambda:ListFunctions',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
  ],
});
