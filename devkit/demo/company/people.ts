// Fernhill Analytics, the demo's fictional company: fifteen people in three time zones. Each is a user
// of the Slack stand-in, with the profile time zone Slack would give Okra.
import type { UserSpec } from '../../slack-stand-in/web-api/index.ts';

export const ZONES = {
  newYork: 'America/New_York',
  berlin: 'Europe/Berlin',
  kolkata: 'Asia/Kolkata',
} as const;

export interface Person {
  id: string;
  name: string;
  tz: string;
  role: string;
}

const person = (id: string, name: string, tz: string, role: string): Person => ({ id, name, tz, role });

export const PEOPLE = {
  greta: person('U0GRETA', 'Greta Vogel', ZONES.berlin, 'CEO'),
  jonas: person('U0JONAS', 'Jonas Weber', ZONES.berlin, 'PMO lead (Okra admin)'),
  lena: person('U0LENA', 'Lena Fischer', ZONES.berlin, 'Head of Product'),
  tobias: person('U0TOBIAS', 'Tobias Braun', ZONES.berlin, 'Product manager'),
  mia: person('U0MIA', 'Mia Schulz', ZONES.berlin, 'Engineering manager'),
  maya: person('U0MAYA', 'Maya Brooks', ZONES.newYork, 'Head of Growth'),
  ethan: person('U0ETHAN', 'Ethan Cole', ZONES.newYork, 'SDR lead'),
  olivia: person('U0OLIVIA', 'Olivia Reed', ZONES.newYork, 'Marketing manager'),
  noah: person('U0NOAH', 'Noah Price', ZONES.newYork, 'Account executive'),
  ava: person('U0AVA', 'Ava Turner', ZONES.newYork, 'Partnerships'),
  ananya: person('U0ANANYA', 'Ananya Rao', ZONES.kolkata, 'Head of Customer Success'),
  vikram: person('U0VIKRAM', 'Vikram Shah', ZONES.kolkata, 'Support lead'),
  priya: person('U0PRIYAN', 'Priya Nair', ZONES.kolkata, 'Customer success manager'),
  arjun: person('U0ARJUN', 'Arjun Mehta', ZONES.kolkata, 'Onboarding specialist'),
  kavya: person('U0KAVYA', 'Kavya Iyer', ZONES.kolkata, 'Renewals manager'),
} as const;

export type PersonKey = keyof typeof PEOPLE;
export const EVERYONE: readonly Person[] = Object.values(PEOPLE);
export const nameOf = (userId: string) => EVERYONE.find((p) => p.id === userId)?.name ?? userId;
export const personOf = (userId: string) => EVERYONE.find((p) => p.id === userId);

export const CHANNELS = {
  pmo: { id: 'C0PMO', name: 'okr-pmo' },
  leadership: { id: 'C0LEADERSHIP', name: 'leadership' },
  growth: { id: 'C0GROWTH', name: 'team-growth' },
  product: { id: 'C0PRODUCT', name: 'team-product' },
  success: { id: 'C0SUCCESS', name: 'team-customer-success' },
  general: { id: 'C0GENERAL', name: 'general' },
} as const;

export function slackUsers(): UserSpec[] {
  return EVERYONE.map((p) => {
    const [first = p.name] = p.name.split(' ');
    return {
      id: p.id,
      name: first.toLowerCase(),
      realName: p.name,
      displayName: first,
      tz: p.tz,
      title: p.role,
    };
  });
}
