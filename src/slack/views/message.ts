// The shape of every message Okra sends: blocks plus the plain-text notification fallback Slack requires.
import type { KnownBlock } from '@slack/types';

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}
