/**
 * `text` as a Terraform string literal: Terraform evaluates `${...}` and `%{...}` inside JSON strings,
 * so they are written `$${` and `%%{`, which Terraform turns back into `${` and `%{`. IAM policy
 * variables in built-in presets (`${aws:userid}`) reach AWS as written. The one escape every
 * construct uses for text it writes into Terraform JSON (policies, messages naming a file).
 *
 * The replacements are functions on purpose: in a replacement *string* `$$` means one `$`, so
 * `'$${'` would write `${` back unchanged.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
