import { TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * A Terraform `check` block (Terraform ≥ 1.5; cdktf 0.21 has no class for it): its assertions are
 * evaluated at every plan and apply, and one that fails is a *warning* in the log, not an error, so
 * the run goes on (https://developer.hashicorp.com/terraform/language/checks). Zone Access uses it
 * to report what a plan had to leave out (a person Entra no longer knows) without stopping the
 * revocations of everyone else. JSON form: `check.<name>.assert[] = { condition, error_message }`.
 */
export interface CheckAssertion {
  /** A Terraform expression string, `${...}`. */
  readonly condition: string;
  readonly errorMessage: string;
}

export class TerraformCheck extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly assertions: readonly CheckAssertion[],
  ) {
    super(scope, id, 'check');
  }

  override toTerraform(): Record<string, unknown> {
    // The construct path in the block's "//" comment (which Terraform ignores), as cdktf records it
    // for resources: a check belongs to the zone whose construct made it.
    const assert = this.assertions.map((a) => ({ condition: a.condition, error_message: a.errorMessage }));
    return { check: { [this.friendlyUniqueId]: { '//': { metadata: { path: this.node.path } }, assert } } };
  }

  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }

  override toMetadata(): Record<string, unknown> {
    return {};
  }
}
