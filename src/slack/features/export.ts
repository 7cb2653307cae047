// `/okr export [yaml|csv] [--cycle "2026 Q1"]`: the plan as a file in the person's DM, ready to edit and
// import again with `okra import`. Anyone may export; leaders and admins need it most.

import { EXPORT_FORMATS, type ExportFormat, exportFiles } from '../../services/plan/export-files.ts';
import { ExportError, exportPlan as planOf } from '../../services/plan-export.ts';
import { flagText } from '../commands/tokenize.ts';
import { EMPTY, md } from '../mrkdwn.ts';
import { textMessage } from '../views/message.ts';
import type { Feature } from './feature.ts';

const USAGE = '`/okr export` (YAML) or `/okr export csv`, optionally with `--cycle "2026 Q1"`.';
// Slack shows the comment above the files; a long list of warnings is cut, the files say the rest.
const MAX_COMMENT = 3000;

export const exportPlan: Feature = {
  commands: [
    {
      name: 'export',
      summary: 'sends you the plan of the current cycle (or --cycle) as a YAML file, or CSV files, in a DM',
      example: '/okr export csv --cycle "2026 Q1"',
      access: 'everyone',
      async run(ctx) {
        const format = formatOf(ctx.args.positional[0] ?? flagText(ctx.args, 'format') ?? 'yaml');
        if (!format || ctx.args.positional.length > 1) {
          await ctx.reply({ text: `The format is yaml or csv: ${USAGE}` });
          return;
        }
        const cycle = flagText(ctx.args, 'cycle');
        let plan: Awaited<ReturnType<typeof planOf>>;
        try {
          plan = await planOf(ctx.db, ctx.workspace.id, cycle === undefined ? {} : { cycle });
        } catch (error) {
          if (!(error instanceof ExportError)) throw error;
          await ctx.reply(textMessage(md`${error.message}`));
          return;
        }
        const exported = exportFiles(plan, format, ctx.clock.now());
        const dm = await ctx.client.conversations.open({ users: ctx.member.slackUserId });
        const channel = dm.channel?.id;
        if (!channel) {
          await ctx.reply({ text: 'I could not open a DM with you, so nothing was sent. Please try again.' });
          return;
        }
        const cycleName = plan.cycle.name;
        const warnings = exported.warnings.map((warning) => md`• ${warning}`);
        const comment = md.join(
          [
            md`The plan of *${cycleName}* as ${format === 'yaml' ? 'YAML' : 'CSV files'}. Edit it and import it again with \`okra import\`; items match by their ref, so nothing is duplicated.`,
            ...(warnings.length ? [EMPTY, ...warnings] : []),
          ],
          md`\n`,
        );
        await ctx.client.filesUploadV2({
          channel_id: channel,
          initial_comment: md.truncate(comment, MAX_COMMENT).text,
          file_uploads: exported.files.map((file) => ({
            file: Buffer.from(file.content, 'utf8'),
            filename: file.filename,
            title: `${plan.cycle.name}: ${file.filename}`,
          })),
        });
        const what =
          exported.files.length === 1 ? 'The plan file is' : `The ${exported.files.length} plan files are`;
        await ctx.reply(textMessage(md`${what} in your DM with me (*${cycleName}*).`));
      },
    },
  ],
  forms: [],
};

function formatOf(word: string): ExportFormat | undefined {
  const wanted = word.toLowerCase() === 'yml' ? 'yaml' : word.toLowerCase();
  return EXPORT_FORMATS.find((format) => format === wanted);
}
