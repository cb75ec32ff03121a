import { z } from 'zod';

/**
 * Typed webhook events (reference §1.3). Field names stay as Zalo writes them (snake_case) so the
 * code reads like the reference; `kind` is the event name and discriminates the union. Ids and
 * timestamps are always strings: numbers are coerced, never the other way round. Extra fields are
 * ignored, and most fields are optional: a strict parser would make Zalo redeliver (and eventually
 * disable the webhook for) an event whose shape differs slightly from the documentation.
 */

const id = z.union([z.string(), z.number()]).transform((v) => String(v));
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

const party = z.object({ id });
const oaSender = z.object({ id, admin_id: id.optional() });

const attachment = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      thumbnail: z.string().optional(),
      description: z.string().optional(),
      title: z.string().optional(),
      id: id.optional(),
      name: z.string().optional(),
      size: scalar.optional(),
      type: z.string().optional(),
      checksum: z.string().optional(),
      coordinates: z.object({ latitude: scalar, longitude: scalar }).optional(),
    })
    .optional(),
});
export type ZaloAttachment = z.output<typeof attachment>;

const chatMessage = z.object({
  msg_id: id.optional(),
  text: z.string().optional(),
  attachments: z.array(attachment).optional(),
  quote_msg_id: id.optional(),
  conversation_id: id.optional(),
});

const common = {
  app_id: id.optional(),
  timestamp: id,
  user_id_by_app: id.optional(),
};

function kinded<K extends string, S extends z.ZodRawShape>(name: K, shape: S) {
  return z.object({ event_name: z.literal(name), ...common, ...shape });
}

const USER_MESSAGE_NAMES = [
  'user_send_text',
  'user_send_image',
  'user_send_link',
  'user_send_audio',
  'user_send_video',
  'user_send_sticker',
  'user_send_location',
  'user_send_file',
  'user_send_business_card',
  'user_send_gif',
] as const;
const OA_ECHO_NAMES = ['oa_send_text', 'oa_send_image', 'oa_send_gif', 'oa_send_list', 'oa_send_file', 'oa_send_sticker', 'oa_send_template'] as const;
const ANONYMOUS_USER_NAMES = ['anonymous_send_text', 'anonymous_send_image', 'anonymous_send_file', 'anonymous_send_sticker'] as const;
const ANONYMOUS_ECHO_NAMES = ['oa_send_anonymous_text', 'oa_send_anonymous_image', 'oa_send_anonymous_file', 'oa_send_anonymous_sticker'] as const;

const userMessage = <K extends string>(name: K) => kinded(name, { sender: party, recipient: party.optional(), message: chatMessage });
const oaEcho = <K extends string>(name: K) => kinded(name, { sender: oaSender, recipient: party, message: chatMessage.optional() });
const anonymousUser = <K extends string>(name: K) => kinded(name, { sender: party, recipient: party.optional(), message: chatMessage });
const anonymousEcho = <K extends string>(name: K) => kinded(name, { sender: oaSender, recipient: party, message: chatMessage.optional() });

const receiptParties = { sender: party.optional(), recipient: party.optional() };
const reaction = <K extends string>(name: K) =>
  kinded(name, { ...receiptParties, message: z.object({ msg_id: id.optional(), react_icon: z.string().optional() }) });
const followChange = <K extends string>(name: K) => kinded(name, { oa_id: id.optional(), follower: party, source: z.string().optional() });
const tagChange = <K extends string>(name: K) =>
  kinded(name, { oa_id: id.optional(), user_id: id.optional(), tag: z.object({ name: z.string().optional(), user_ids: z.array(id).optional() }).optional() });

const submittedInfo = z.object({
  name: scalar.optional(),
  phone: scalar.optional(),
  address: scalar.optional(),
  city: scalar.optional(),
  district: scalar.optional(),
  ward: scalar.optional(),
  user_dob: scalar.optional(),
  gender: scalar.optional(),
  // Newer payloads send an object ({ user_city, user_ward, user_address }); older ones a string.
  full_address: z.union([scalar, z.record(z.string(), z.unknown())]).optional(),
});

const SCHEMAS = {
  user_send_text: userMessage('user_send_text'),
  user_send_image: userMessage('user_send_image'),
  user_send_link: userMessage('user_send_link'),
  user_send_audio: userMessage('user_send_audio'),
  user_send_video: userMessage('user_send_video'),
  user_send_sticker: userMessage('user_send_sticker'),
  user_send_location: userMessage('user_send_location'),
  user_send_file: userMessage('user_send_file'),
  user_send_business_card: userMessage('user_send_business_card'),
  user_send_gif: userMessage('user_send_gif'),

  user_received_message: kinded('user_received_message', { ...receiptParties, message: z.object({ msg_id: id.optional() }) }),
  user_seen_message: kinded('user_seen_message', { ...receiptParties, message: z.object({ msg_ids: z.array(id).default([]) }) }),
  user_reacted_message: reaction('user_reacted_message'),
  oa_reacted_message: reaction('oa_reacted_message'),

  oa_send_text: oaEcho('oa_send_text'),
  oa_send_image: oaEcho('oa_send_image'),
  oa_send_gif: oaEcho('oa_send_gif'),
  oa_send_list: oaEcho('oa_send_list'),
  oa_send_file: oaEcho('oa_send_file'),
  oa_send_sticker: oaEcho('oa_send_sticker'),
  oa_send_template: oaEcho('oa_send_template'),

  follow: followChange('follow'),
  unfollow: followChange('unfollow'),
  user_submit_info: kinded('user_submit_info', { ...receiptParties, info: submittedInfo.default({}) }),
  user_click_chatnow: kinded('user_click_chatnow', { oa_id: id.optional(), user_id: id.optional(), sender: party.optional() }),
  add_user_to_tag: tagChange('add_user_to_tag'),
  remove_user_from_tag: tagChange('remove_user_from_tag'),
  remove_tag: tagChange('remove_tag'),
  update_user_info: kinded('update_user_info', {
    oa_id: id.optional(),
    user_id: id.optional(),
    sender: party.optional(),
    info: z.record(z.string(), z.unknown()).optional(),
  }),
  user_withdraw: kinded('user_withdraw', { oa_id: id.optional(), user_id: id.optional(), sender: party.optional() }),
  permission_revoked: kinded('permission_revoked', { oa_id: id.optional() }),

  anonymous_send_text: anonymousUser('anonymous_send_text'),
  anonymous_send_image: anonymousUser('anonymous_send_image'),
  anonymous_send_file: anonymousUser('anonymous_send_file'),
  anonymous_send_sticker: anonymousUser('anonymous_send_sticker'),
  oa_send_anonymous_text: anonymousEcho('oa_send_anonymous_text'),
  oa_send_anonymous_image: anonymousEcho('oa_send_anonymous_image'),
  oa_send_anonymous_file: anonymousEcho('oa_send_anonymous_file'),
  oa_send_anonymous_sticker: anonymousEcho('oa_send_anonymous_sticker'),
} as const;

type Schemas = typeof SCHEMAS;
export type ZaloEventName = keyof Schemas;
type Kinded<K extends ZaloEventName> = { kind: K } & Omit<z.output<Schemas[K]>, 'event_name'>;
export type KnownZaloEvent = { [K in ZaloEventName]: Kinded<K> }[ZaloEventName];
/** An event name this adapter does not know (group, call, ZNS, widget events...). */
export interface UnknownZaloEvent {
  kind: 'unknown';
  eventName: string;
  timestamp?: string;
}
export type ZaloEvent = KnownZaloEvent | UnknownZaloEvent;
export type ZaloEventOf<K extends ZaloEventName> = Extract<KnownZaloEvent, { kind: K }>;

export type UserMessageEvent = ZaloEventOf<(typeof USER_MESSAGE_NAMES)[number]>;
export type OaEchoEvent = ZaloEventOf<(typeof OA_ECHO_NAMES)[number] | (typeof ANONYMOUS_ECHO_NAMES)[number]>;
export type AnonymousMessageEvent = ZaloEventOf<(typeof ANONYMOUS_USER_NAMES)[number]>;

/** Every event name of reference §1.3 that `parseZaloEvent` types. */
export const ZALO_EVENT_NAMES = Object.keys(SCHEMAS) as ZaloEventName[];
export const USER_MESSAGE_EVENT_NAMES: readonly string[] = USER_MESSAGE_NAMES;
export const OA_ECHO_EVENT_NAMES: readonly string[] = [...OA_ECHO_NAMES, ...ANONYMOUS_ECHO_NAMES];
export const ANONYMOUS_MESSAGE_EVENT_NAMES: readonly string[] = ANONYMOUS_USER_NAMES;

function isKnownName(name: string): name is ZaloEventName {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, name);
}

/** Parses a webhook body (already JSON-decoded) into a typed event; unknown names are not errors. */
export function parseZaloEvent(body: unknown, _oaId?: string): { ok: true; event: ZaloEvent } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'body is not a JSON object' };
  const name = (body as Record<string, unknown>).event_name;
  if (typeof name !== 'string' || name === '') return { ok: false, error: 'event_name is missing' };
  if (!isKnownName(name)) {
    const ts = (body as Record<string, unknown>).timestamp;
    return { ok: true, event: { kind: 'unknown', eventName: name, ...(typeof ts === 'string' || typeof ts === 'number' ? { timestamp: String(ts) } : {}) } };
  }
  const parsed = (SCHEMAS[name] as z.ZodType<{ event_name: string }>).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${name}: ${issue.path.join('.') || '(body)'} ${issue.message}` };
  }
  const { event_name: _name, ...fields } = parsed.data;
  return { ok: true, event: { kind: name, ...fields } as KnownZaloEvent };
}

/** An OA → user echo: our own API sends and what staff type in the OA chat tool. Never answered. */
export function isEcho(event: ZaloEvent): event is OaEchoEvent {
  return event.kind.startsWith('oa_send_');
}

/** The staff member behind an echo; present only when a human typed it (the hand-off signal). */
export function echoAdminId(event: ZaloEvent): string | undefined {
  return isEcho(event) ? event.sender.admin_id : undefined;
}

function notTheOa(ids: (string | undefined)[], oaId: string | undefined, fallback: string | undefined): string | undefined {
  const present = ids.filter((v): v is string => Boolean(v));
  if (oaId) return present.find((v) => v !== oaId);
  return fallback ?? present[0];
}

/** The citizen this event is about, or undefined when it concerns no single user. */
export function eventUserId(event: ZaloEvent, oaId?: string): string | undefined {
  switch (event.kind) {
    case 'unknown':
    case 'permission_revoked':
    case 'remove_tag':
      return undefined;
    case 'follow':
    case 'unfollow':
      return event.follower.id;
    case 'user_received_message':
    case 'user_seen_message':
      // Sources disagree on which side is the OA for receipts: match against the OA id; most read recipient as the user.
      return notTheOa([event.recipient?.id, event.sender?.id], oaId, event.recipient?.id ?? event.sender?.id);
    case 'user_submit_info':
      return notTheOa([event.sender?.id, event.recipient?.id], oaId, event.sender?.id ?? event.recipient?.id);
    case 'user_reacted_message':
      return event.sender?.id ?? event.recipient?.id;
    case 'oa_reacted_message':
      return event.recipient?.id ?? event.sender?.id;
    case 'user_click_chatnow':
    case 'update_user_info':
    case 'user_withdraw':
      return event.user_id ?? event.sender?.id;
    case 'add_user_to_tag':
    case 'remove_user_from_tag':
      return event.user_id ?? (event.tag?.user_ids?.length === 1 ? event.tag.user_ids[0] : undefined);
    default:
      if (isEcho(event)) return event.recipient.id;
      return event.sender.id;
  }
}

/**
 * The key that makes a redelivery a duplicate. Includes the event name, because the same msg_id
 * legitimately appears in different events (our send's echo and its delivery receipt, reactions).
 */
export function eventIdentity(event: ZaloEvent): string {
  if (event.kind === 'unknown') return `unknown:${event.eventName}:${event.timestamp ?? ''}`;
  if (event.kind === 'user_reacted_message' || event.kind === 'oa_reacted_message') {
    // One message can be reacted to several times; each reaction is its own event.
    return `${event.kind}:${event.message.msg_id ?? ''}:${event.message.react_icon ?? ''}:${event.timestamp}`;
  }
  const msgId = 'message' in event && event.message && 'msg_id' in event.message ? event.message.msg_id : undefined;
  if (msgId) return `${event.kind}:${msgId}`;

  const parts: string[] = [];
  const add = (v: string | undefined) => {
    if (v) parts.push(v);
  };
  if ('sender' in event) add(event.sender?.id);
  if ('recipient' in event) add(event.recipient?.id);
  if ('follower' in event) add(event.follower.id);
  if ('user_id' in event) add(event.user_id);
  if ('oa_id' in event) add(event.oa_id);
  if ('tag' in event) add(event.tag?.name);
  if (event.kind === 'user_seen_message') add(event.message.msg_ids.join(','));
  return `${event.kind}:${parts.join(':')}:${event.timestamp}`;
}
