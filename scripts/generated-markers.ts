/**
 * The one marker style of every generated section in the documentation (schema references, preset
 * tables, the command table, the benchmark table): what writes it, from what, and not to edit it.
 */
export const generatedBegin = (name: string, writer: string, from: string) =>
  `<!-- BEGIN GENERATED ${name}: ${writer} writes this from ${from}; do not edit -->`;
export const generatedEnd = (name: string) => `<!-- END GENERATED ${name} -->`;
/** The start of a section's begin marker, whatever its writer and source. */
export const generatedBeginPrefix = (name: string) => `<!-- BEGIN GENERATED ${name}:`;
