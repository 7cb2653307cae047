/**
 * Wires the stores, the context and the HTTP server into one SlackDouble.
 */
import { ChannelDirectory } from './channels.ts';
import type { DoubleContext } from './context.ts';
import { botUserSpec, DEFAULT_CHANNELS, DEFAULT_IDENTITY, DEFAULT_USERS } from './defaults.ts';
import type { Dict } from './dict.ts';
import { FaultPlan } from './faults.ts';
import { FileStore } from './files.ts';
import type { DoubleIdentity } from './identity.ts';
import { IdFactory, TimestampFactory } from './ids.ts';
import { MessageStore } from './messages.ts';
import { ResponseUrlStore } from './response-urls.ts';
import { DoubleServer } from './server.ts';
import { SocketHub } from './socket-mode.ts';
import type { RecordedCall, SlackDouble, SlackDoubleOptions } from './types.ts';
import { UserDirectory } from './users.ts';
import { ViewStore } from './views.ts';

export async function startSlackDouble(options: SlackDoubleOptions = {}): Promise<SlackDouble> {
  const identity: DoubleIdentity = {
    botToken: options.botToken ?? DEFAULT_IDENTITY.botToken,
    appToken: options.appToken ?? DEFAULT_IDENTITY.appToken,
    teamId: options.teamId ?? DEFAULT_IDENTITY.teamId,
    teamName: options.teamName ?? DEFAULT_IDENTITY.teamName,
    teamDomain: options.teamDomain ?? DEFAULT_IDENTITY.teamDomain,
    botUserId: options.botUserId ?? DEFAULT_IDENTITY.botUserId,
    botId: options.botId ?? DEFAULT_IDENTITY.botId,
    appId: options.appId ?? DEFAULT_IDENTITY.appId,
  };
  const clock = options.clock ?? Date.now;
  const ids = new IdFactory();
  const users = new UserDirectory();
  const channels = new ChannelDirectory(users);
  let origin = '';
  const sockets = new SocketHub(identity, () => origin);
  const ctx: DoubleContext = {
    identity,
    strictTextFallback: options.strictTextFallback ?? true,
    chatWritePublic: options.chatWritePublic ?? false,
    users,
    channels,
    messages: new MessageStore(),
    views: new ViewStore(ids, identity, options.triggerTtlMs ?? 3000),
    files: new FileStore(),
    responseUrls: new ResponseUrlStore(),
    sockets,
    ids,
    timestamps: new TimestampFactory(),
    now: clock,
    origin: () => origin,
  };
  if (options.defaults ?? true) {
    users.add(botUserSpec(identity.botUserId));
    for (const user of Object.values(DEFAULT_USERS)) users.add(user);
    for (const channel of Object.values(DEFAULT_CHANNELS)) channels.add(channel);
  }
  for (const user of options.users ?? []) users.add(user);
  for (const channel of options.channels ?? []) channels.add(channel);

  const calls: RecordedCall[] = [];
  const faults = new FaultPlan();
  const tokens = new Set([identity.botToken, ...(options.extraTokens ?? [])]);
  const server = new DoubleServer({ ctx, faults, tokens, appTokens: new Set([identity.appToken]), calls });
  origin = await server.listen();

  const visible = (channel: string, includeDeleted: boolean) =>
    ctx.messages.all().filter((m) => m.channel === channel && !m.ephemeral && (includeDeleted || !m.deleted));

  return {
    url: `${origin}api/`,
    origin,
    botToken: identity.botToken,
    appToken: identity.appToken,
    teamId: identity.teamId,
    botUserId: identity.botUserId,
    botId: identity.botId,
    appId: identity.appId,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    lastCallTo: (method) => calls.filter((call) => call.method === method).at(-1),
    reset() {
      calls.length = 0;
      ctx.messages.clear();
      ctx.files.clear();
      ctx.views.clear();
      ctx.responseUrls.clear();
      faults.clear();
    },
    addUser: (user) => users.add(user),
    addChannel: (channel) => channels.add(channel),
    dmChannelOf: (userId) => channels.dmFor(userId),
    messagesIn(channel, query = {}) {
      const messages = visible(channels.canonicalId(channel), query.includeDeleted ?? false);
      return query.threadTs === undefined ? messages : messages.filter((m) => m.threadTs === query.threadTs);
    },
    ephemeralsFor(userId, channel) {
      const wanted = channel === undefined ? undefined : channels.canonicalId(channel);
      return ctx.messages
        .all()
        .filter((m) => m.ephemeral && m.user === userId && (!wanted || m.channel === wanted));
    },
    get messages() {
      return ctx.messages.all();
    },
    get files() {
      return ctx.files.all();
    },
    newTriggerId: (context) => ctx.views.issueTrigger(clock(), context),
    get openViews(): Dict[] {
      return ctx.views.openModals();
    },
    currentModal: (userId) => ctx.views.currentModal(userId),
    closeView: (viewId) => ctx.views.close(viewId),
    homeOf: (userId) => ctx.views.homeOf(userId),
    newResponseUrl(context = {}) {
      const id = ids.next('R');
      const url = `${origin}response/${id}`;
      ctx.responseUrls.create(id, url, clock(), context);
      return url;
    },
    responsesTo: (url) => ctx.responseUrls.postsTo(url),
    get responseUrlPosts() {
      return ctx.responseUrls.posts;
    },
    failNext: (method, fault = { error: 'internal_error' }) => faults.failNext(method, fault),
    rateLimit: (method, limit) => faults.rateLimit(method, limit),
    failRandomly: (method, spec) => faults.failRandomly(method, spec),
    clearFaults: () => faults.clear(),
    socket: sockets,
    close: () => server.close(),
  };
}
