/** Who the double says the app is: the tokens it accepts and the team, bot and app ids it answers with. */
export interface DoubleIdentity {
  botToken: string;
  appToken: string;
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}
