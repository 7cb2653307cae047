// A feature is a group of `/okr` subcommands and the modal forms they open.
import type { CommandDef } from '../commands/types.ts';
import type { FormSpec } from '../forms/register-form.ts';

export interface Feature {
  commands: CommandDef[];
  // biome-ignore lint/suspicious/noExplicitAny: each form has its own input and value types
  forms: FormSpec<any, any>[];
}
