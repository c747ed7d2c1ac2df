import { checkPresetStatement } from '../../model/preset-rules';
import type { IamAction, IamResourceType } from '../../model/iam-data';

/**
 * The preset rules where today's AWS data has no example, with synthetic action records (service
 * `zz-synthetic`, which AWS does not have) next to the real reference: an action AWS might one day
 * list with mixed access levels, optional resource types that cannot carry the zone tag, and the
 * rules' reasons for real actions. Each rule must refuse on its own, whatever the others say.
 */

const RESOURCE_TAG = 'aws:ResourceTag/${TagKey}';
const REQUEST_TAG = 'aws:RequestTag/${TagKey}';

const TYPES: Record<string, IamResourceType> = {
  tagged: { name: 'tagged', arn: 'arn:aws:zz-synthetic:::tagged/${Id}', conditionKeys: [RESOURCE_TAG, REQUEST_TAG] },
  plain: { name: 'plain', arn: 'arn:aws:zz-synthetic:::plain/${Id}', conditionKeys: [] },
  // A parent, its child (whose ARN names the parent) and a sibling type that shares only the parent's name.
  parent: {
    name: 'parent',
    arn: 'arn:${Partition}:zz-synthetic:${Region}:${Account}:parent/${ParentName}',
    conditionKeys: [RESOURCE_TAG],
  },
  child: {
    name: 'child',
    arn: 'arn:${Partition}:zz-synthetic:${Region}:${Account}:child/${ParentName}/${ChildId}',
    conditionKeys: [RESOURCE_TAG],
  },
  sibling: {
    name: 'sibling',
    arn: 'arn:${Partition}:zz-synthetic:${Region}:${Account}:sibling/${ParentName}/${SiblingId}',
    conditionKeys: [RESOURCE_TAG],
  },
  // A child whose ARN has no partition, region or account of its own (a global resource): its parent
  // is still the parent, whatever the location parts of the two ARNs.
  global: {
    name: 'global',
    arn: 'arn:aws:zz-synthetic:::global/${ParentName}/${GlobalId}',
    conditionKeys: [RESOURCE_TAG],
  },
};

function action(
  name: string,
  accessLevels: IamAction['accessLevels'],
  resourceTypes: IamAction['resourceTypes'] = [],
  description = 'Grants permission to do something',
  conditionKeys: string[] = [],
): IamAction {
  return {
    id: `zz-synthetic:${name}`,
    service: 'zz-synthetic',
    name,
    description,
    accessLevels,
    resourceTypes,
    conditionKeys,
  };
}

const SYNTHETIC = new Map<string, IamAction>(
  [
    action('ListAndWrite', ['List', 'Write']),
    action('ReadAndWrite', ['Read', 'Write']),
    action('WriteAndRead', ['Write', 'Read']),
    action('ReadAndPermissions', ['Read', 'Permissions management']),
    action('ListOnly', ['List']),
    action('ReadNoResource', ['Read']),
    action('ReadTagged', ['Read'], [{ name: 'tagged', required: true }]),
    action('ReadOptionalPlain', ['Read'], [{ name: 'plain', required: false }]),
    action(
      'ReadOptionalMixed',
      ['Read'],
      [
        { name: 'plain', required: false },
        { name: 'tagged', required: false },
      ],
    ),
    action(
      'ReadRequiredMixed',
      ['Read'],
      [
        { name: 'plain', required: true },
        { name: 'tagged', required: true },
      ],
    ),
    action(
      'ReadRequiredTaggedOptionalPlain',
      ['Read'],
      [
        { name: 'tagged', required: true },
        { name: 'plain', required: false },
      ],
    ),
    action('WriteNoResource', ['Write']),
    action('CreateThing', ['Write'], [{ name: 'tagged', required: true }], 'Grants permission to create a thing'),
    action(
      'CreateThingActionKey',
      ['Write'],
      [{ name: 'plain', required: true }],
      'Grants permission to create a thing',
      [REQUEST_TAG],
    ),
    action('CreatePlain', ['Write'], [{ name: 'plain', required: true }], 'Grants permission to create a plain thing'),
    action(
      'CreateFromSource',
      ['Write'],
      [
        { name: 'tagged', required: true },
        { name: 'plain', required: true },
      ],
      'Grants permission to create a thing from another',
      [REQUEST_TAG],
    ),
    action(
      'TagThing',
      ['Tagging', 'Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create tags on a thing',
      [REQUEST_TAG],
    ),
    action('UpdateThing', ['Write'], [{ name: 'tagged', required: true }], 'Grants permission to update a thing', [
      REQUEST_TAG,
    ]),
    action(
      'ReadCreateLike',
      ['Read'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create a report of a thing',
      [REQUEST_TAG],
    ),
    action('ListAndReadTagged', ['List', 'Read'], [{ name: 'tagged', required: true }]),
    action('ReadAndListTagged', ['Read', 'List'], [{ name: 'tagged', required: true }]),
    action(
      'NotReallyCreate',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Deprecated: Grants permission to create a thing; use UpdateThing',
      [REQUEST_TAG],
    ),
    action('CreateNoResource', ['Write'], [], 'Grants permission to create a thing'),
    action('UpdateChildInParent', ['Write'], [{ name: 'child', required: true }], 'x', ['zz-synthetic:parent']),
    action('UpdateChildNamingItself', ['Write'], [{ name: 'child', required: true }], 'x', [
      'zz-synthetic:child',
      'zz-synthetic:flavour',
      RESOURCE_TAG,
    ]),
    action('UpdateChildToSibling', ['Write'], [{ name: 'child', required: true }], 'x', [
      'zz-synthetic:parent',
      'zz-synthetic:Sibling',
    ]),
    action('UpdateParentToChild', ['Write'], [{ name: 'parent', required: true }], 'x', ['zz-synthetic:child']),
    action('UpdateGlobalInParent', ['Write'], [{ name: 'global', required: true }], 'x', ['zz-synthetic:parent']),
    action(
      'CreateRestorePoint',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create a restore point',
      [REQUEST_TAG],
    ),
    action(
      'CreateOrUpdateSpaced',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create or  update a thing',
      [REQUEST_TAG],
    ),
    action('PutThing', ['Write'], [{ name: 'tagged', required: true }], 'Grants permission to create a thing', [
      REQUEST_TAG,
    ]),
    action(
      'CreateOrUpdateThing',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create or update a thing',
      [REQUEST_TAG],
    ),
    action(
      'CreateAndReplaceThing',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create and replace things',
      [REQUEST_TAG],
    ),
    action(
      'CreateSlashUpdateThing',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create/update a thing',
      [REQUEST_TAG],
    ),
    action(
      'CreateUnlessExists',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create a thing, or return it if it ALREADY EXISTS',
      [REQUEST_TAG],
    ),
    action(
      'CreateUpdatedThing',
      ['Write'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create an updated thing, or a thing for output',
      [REQUEST_TAG],
    ),
    action('CreatePutTarget', ['Write'], [{ name: 'tagged', required: true }], 'Grants permission to create a thing', [
      REQUEST_TAG,
    ]),
    action('SetThingPolicy', ['Permissions management', 'Write'], [{ name: 'tagged', required: true }]),
    action(
      'CreateThingPolicy',
      ['Write', 'Permissions management'],
      [{ name: 'tagged', required: true }],
      'Grants permission to create a policy',
      [REQUEST_TAG],
    ),
  ].map((a) => [a.id.toLowerCase(), a]),
);

jest.mock('../../model/iam-data', () => {
  const actual = jest.requireActual('../../model/iam-data');
  return {
    ...actual,
    iamAction: (id: string) => SYNTHETIC.get(id.toLowerCase()) ?? actual.iamAction(id),
    iamResourceTypes: (service: string) =>
      service === 'zz-synthetic'
        ? new Map(Object.values(TYPES).map((t) => [t.name.toLowerCase(), t]))
        : actual.iamResourceTypes(service),
    resourceTypesOf: (a: IamAction) =>
      a.service === 'zz-synthetic'
        ? a.resourceTypes.map((r) => ({ type: TYPES[r.name]!, required: r.required }))
        : actual.resourceTypesOf(a),
  };
});

type Scope = 'none' | 'resource-tag' | 'request-tag';
const refused = (name: string, scope: Scope) =>
  checkPresetStatement({ actions: [`zz-synthetic:${name}`], scope }).map((p) => p.message);
const ok = (name: string, scope: Scope) =>
  expect({ name, scope, problems: refused(name, scope) }).toEqual({ name, scope, problems: [] });
const no = (name: string, scope: Scope, why: RegExp) => {
  const problems = refused(name, scope);
  expect({ name, scope, problems }).toEqual({ name, scope, problems: [expect.stringMatching(why)] });
};

describe('scope none', () => {
  test('an action that mixes a write with list or read levels is refused, in any order', () => {
    no(
      'ListAndWrite',
      'none',
      /cannot have scope none: it is a List\/Write action, and unscoped every zone could use it on every zone's resources$/,
    );
    no('ReadAndWrite', 'none', /it is a Read\/Write action/);
    no('WriteAndRead', 'none', /it is a Write\/Read action/);
    no('ReadAndPermissions', 'none', /it is a Read\/Permissions management action/);
    no('WriteNoResource', 'none', /it is a Write action/);
  });

  test('a read that names a required resource is refused', () => {
    no('ReadTagged', 'none', /it reads a particular tagged, and unscoped every zone could read every zone's$/);
    no('ReadRequiredMixed', 'none', /it reads a particular plain, tagged,/);
    // The message names what the request must name (the required types), not what it may.
    no(
      'ReadRequiredTaggedOptionalPlain',
      'none',
      /it reads a particular tagged, and unscoped every zone could read every zone's$/,
    );
  });

  test('the hint says whether resource-tag would work', () => {
    const hint = (name: string) => checkPresetStatement({ actions: [`zz-synthetic:${name}`], scope: 'none' })[0]?.hint;
    expect(hint('ReadTagged')).toBe('use scope resource-tag');
    expect(hint('WriteNoResource')).toBe('AWS cannot scope it to tagged resources: leave it out of presets');
  });
});

describe('scope resource-tag', () => {
  test('no resource type: refused; scope none is suggested only for the reviewed metadata-only reads', () => {
    const first = (name: string) =>
      checkPresetStatement({ actions: [`zz-synthetic:${name}`], scope: 'resource-tag' })[0];
    const notReviewed =
      'leave it out of presets (it names no resource and is not on the reviewed list of metadata-only reads, model/unscoped-reads.ts)';
    expect(first('ReadNoResource')).toEqual(
      expect.objectContaining({
        message: expect.stringMatching(/AWS authorizes it against no resource type/),
        hint: notReviewed,
      }),
    );
    expect(first('ListOnly')?.hint).toBe(notReviewed);
    expect(first('WriteNoResource')?.hint).toBe(notReviewed);
    expect(first('ListAndWrite')?.hint).toBe(notReviewed);
  });

  test('a required resource type without aws:ResourceTag is refused, even next to one with it', () => {
    no(
      'ReadRequiredMixed',
      'resource-tag',
      /its resource type plain does not support aws:ResourceTag, so the zone condition never matches/,
    );
    ok('ReadTagged', 'resource-tag');
    // Only the required types are what the request names; an optional untaggable one does not matter.
    ok('ReadRequiredTaggedOptionalPlain', 'resource-tag');
  });

  test('only optional resource types: refused when none of them carries aws:ResourceTag', () => {
    no('ReadOptionalPlain', 'resource-tag', /its resource type plain does not support aws:ResourceTag/);
    ok('ReadOptionalMixed', 'resource-tag');
  });

  test('a real action: a required type without aws:ResourceTag (appconfig hosted configuration versions)', () => {
    expect(
      checkPresetStatement({ actions: ['appconfig:GetHostedConfigurationVersion'], scope: 'resource-tag' }).map(
        (p) => p.message,
      ),
    ).toEqual([expect.stringMatching(/its resource type hostedconfigurationversion does not support aws:ResourceTag/)]);
  });
});

describe('resource-tag: a request that can name another resource by a condition key only', () => {
  test('the parent of the resource it is authorized against, the resource itself and keys naming no type are fine', () => {
    ok('UpdateChildInParent', 'resource-tag');
    ok('UpdateChildNamingItself', 'resource-tag');
    // The ARNs' partition, region and account are not names of the parent.
    ok('UpdateGlobalInParent', 'resource-tag');
  });

  test('a type that shares only part of its ARN with the resource (a sibling), or a child of it, is another resource', () => {
    no(
      'UpdateChildToSibling',
      'resource-tag',
      /^zz-synthetic:UpdateChildToSibling cannot have scope resource-tag: its request can name other resources of the service \(zz-synthetic:Sibling\), which IAM compares by ARN only, never by their zone tag/,
    );
    no('UpdateParentToChild', 'resource-tag', /other resources of the service \(zz-synthetic:child\)/);
    expect(
      checkPresetStatement({ actions: ['zz-synthetic:UpdateChildToSibling'], scope: 'resource-tag' })[0]?.hint,
    ).toBe('leave it out of config presets; a built-in preset can require those keys to be absent (ecs-deployer)');
  });
});

describe('Permissions management, with any zone scope', () => {
  test('refused with resource-tag and request-tag, whatever other level AWS lists with it', () => {
    const permissions = {
      index: 0,
      code: 'scope-not-allowed',
      message: expect.stringMatching(
        /cannot have scope (resource-tag|request-tag): it is a Permissions management action: a policy or grant decides what others, or the resource itself, may do beyond the zone's tag \(iam:PutRolePolicy on a role tagged with the zone gives that role anything, in every zone\)$/,
      ),
      hint: "leave it out of presets: policies and grants are the platform's",
    };
    expect(checkPresetStatement({ actions: ['zz-synthetic:SetThingPolicy'], scope: 'resource-tag' })).toEqual([
      permissions,
    ]);
    expect(checkPresetStatement({ actions: ['zz-synthetic:CreateThingPolicy'], scope: 'request-tag' })).toEqual([
      permissions,
    ]);
    expect(checkPresetStatement({ actions: ['zz-synthetic:CreateThingPolicy'], scope: 'resource-tag' })).toEqual([
      permissions,
    ]);
  });
});

describe('request-tag: a create that also updates or replaces an existing resource of the name', () => {
  test("AWS's Put… actions and descriptions saying create or update / and replace / create/update / already exists are refused", () => {
    for (const name of [
      'PutThing',
      'CreateOrUpdateThing',
      'CreateAndReplaceThing',
      'CreateSlashUpdateThing',
      'CreateUnlessExists',
      'CreateOrUpdateSpaced',
    ])
      no(
        name,
        'request-tag',
        /it also updates or replaces an existing resource of that name \(AWS: "Grants permission to create/,
      );
    expect(checkPresetStatement({ actions: ['zz-synthetic:PutThing'], scope: 'request-tag' })).toEqual([
      {
        index: 0,
        code: 'scope-not-allowed',
        message:
          'zz-synthetic:PutThing cannot have scope request-tag: it also updates or replaces an existing resource of that name (AWS: "Grants permission to create a thing"): ' +
          'one with no zone tag passes every tag condition, and an update keeps the tags the resource had, so the zone could overwrite resources of no zone',
        hint: "use scope resource-tag (every resource it touches must then be the zone's) or leave it out",
      },
    ]);
  });

  test('a plain create whose name merely contains Put, or whose description mentions an update in passing, is not', () => {
    ok('CreateUpdatedThing', 'request-tag');
    ok('CreatePutTarget', 'request-tag');
    // Likewise a name that merely contains Restore: only a name that starts with it says "from a source".
    ok('CreateRestorePoint', 'request-tag');
  });
});

describe('scope request-tag', () => {
  test('a plain create supporting aws:RequestTag (on its resource type or the action) is accepted', () => {
    ok('CreateThing', 'request-tag');
    ok('CreateThingActionKey', 'request-tag');
  });

  test('a create without aws:RequestTag is refused', () => {
    no(
      'CreatePlain',
      'request-tag',
      /it does not support aws:RequestTag, so the request cannot be required to carry the zone tag$/,
    );
    expect(
      checkPresetStatement({ actions: ['logs:CreateLogStream'], scope: 'request-tag' }).map((p) => p.message),
    ).toEqual([expect.stringMatching(/it does not support aws:RequestTag/)]);
  });

  test('a create that also acts on a source is refused', () => {
    no(
      'CreateFromSource',
      'request-tag',
      /it acts on tagged, plain: besides the resource it creates, a source or dependency/,
    );
  });

  test('a tagging action, an update and a read that says "create" are refused', () => {
    no(
      'TagThing',
      'request-tag',
      /a tagging action with the zone tag on the request would let the zone claim any resource/,
    );
    no('UpdateThing', 'request-tag', /it is not a create action \(AWS: "Grants permission to update a thing"\)/);
    no('ReadCreateLike', 'request-tag', /it is not a create action/);
  });
});

test('several actions: one problem per refused action, at its index', () => {
  expect(
    checkPresetStatement({
      actions: ['zz-synthetic:ReadTagged', 'zz-synthetic:ReadRequiredMixed', 'zz-synthetic:Nope'],
      scope: 'resource-tag',
    }).map((p) => [p.index, p.code]),
  ).toEqual([
    [1, 'scope-not-allowed'],
    [2, 'unknown-action'],
  ]);
});

describe('each rule on its own', () => {
  test('a read that names a resource, listed with mixed List and Read levels, is refused unscoped', () => {
    no('ListAndReadTagged', 'none', /it reads a particular tagged/);
    no('ReadAndListTagged', 'none', /it reads a particular tagged/);
  });

  test('"create" must start AWS\'s description: a deprecated action that mentions creating is not a create', () => {
    no(
      'NotReallyCreate',
      'request-tag',
      /it is not a create action \(AWS: "Deprecated: Grants permission to create a thing; use UpdateThing"\)/,
    );
  });

  test('a create with no resource type and no aws:RequestTag: refused for the missing key', () => {
    no('CreateNoResource', 'request-tag', /it does not support aws:RequestTag/);
  });

  test('the full messages and hints', () => {
    const one = (name: string, scope: Scope) => checkPresetStatement({ actions: [`zz-synthetic:${name}`], scope })[0];
    expect(one('ReadRequiredMixed', 'resource-tag')).toEqual({
      index: 0,
      code: 'scope-not-allowed',
      message:
        'zz-synthetic:ReadRequiredMixed cannot have scope resource-tag: its resource type plain does not support aws:ResourceTag, so the zone condition never matches (every request would be denied)',
      hint: 'leave it out of presets',
    });
    expect(one('CreatePlain', 'request-tag')?.hint).toBe('leave it out of presets');
    expect(one('TagThing', 'request-tag')).toEqual({
      index: 0,
      code: 'scope-not-allowed',
      message:
        'zz-synthetic:TagThing cannot have scope request-tag: a tagging action with the zone tag on the request would let the zone claim any resource that has no zone tag yet; ' +
        'AWS has no condition key that tells tagging a new resource from tagging an existing one',
      hint: "use scope resource-tag to manage tags of the zone's own resources",
    });
    expect(one('CreateFromSource', 'request-tag')).toEqual({
      index: 0,
      code: 'scope-not-allowed',
      message:
        'zz-synthetic:CreateFromSource cannot have scope request-tag: it acts on tagged, plain: besides the resource it creates, a source or dependency. One with no zone tag passes every tag ' +
        'condition (nothing tells it apart from the new resource), so the zone could copy or use resources of no zone',
      hint: "use scope resource-tag (every resource it touches must then be the zone's) or leave it out",
    });
  });

  test('an unknown scope is refused', () => {
    expect(checkPresetStatement({ actions: ['zz-synthetic:ReadTagged'], scope: 'everything' as Scope })).toEqual([
      {
        index: 0,
        code: 'scope-not-allowed',
        message: 'zz-synthetic:ReadTagged cannot have scope everything: unknown scope',
        hint: 'use resource-tag, request-tag or none',
      },
    ]);
  });
});
