import { z } from 'zod';
import type { ContactPoint } from '../contacts/schema.js';
import type { Procedure, SystemIntent } from '../knowledge/schema.js';
import type { SentenceOverride } from '../knowledge/sentences.js';
import type { AuthUser } from './auth.js';
import type { ContentKind, ContentVersion, OfficialDraft, OfficialPublished } from './content-editor.js';
import type { DiffLine } from './content-words.js';
import type { DiffEntry } from './diff.js';
import type { NluTestResult } from './nlu-test.js';
import type { AdminUser } from './users.js';
import type { AnnouncementStatus } from '../announcements/types.js';
import type { ConversationEntry, MessageAttachment } from '../bot/ports.js';
import type { HandoffMessage, HandoffState } from './handoff.js';

export type { Role, AuthUser } from './auth.js';
export type { AuditEntry } from './audit.js';
export type { ContentKind, ContentSummary, ContentVersion, FieldError } from './content-editor.js';
export type { DiffEntry } from './diff.js';
export type { AnalyticsSummary, DayStats, UnansweredGroup } from './analytics.js';
export type { ReviewItem, ReviewTurn } from './review-list.js';
export type { HandoffMessage, HandoffState } from './handoff.js';
export type { NluTestResult } from './nlu-test.js';
export type { AnnouncementReport, AnnouncementStatus } from '../announcements/types.js';
export type { Complaint, ComplaintEvent } from '../complaints/complaint.js';
export {
  COMPLAINT_ANSWER_MAX_CHARS,
  COMPLAINT_STATUSES,
  ComplaintAnswerBody,
  ComplaintListQuery,
  ComplaintRef,
  ComplaintStatus,
  ComplaintStatusBody,
  WITHDRAWN_USER_ID,
  maskComplaintPhone,
  type ComplaintAnswerPreview,
  type ComplaintChangeResponse,
  type ComplaintDetailResponse,
  type ComplaintListResponse,
  type ComplaintPhoneResponse,
  type ComplaintSummary,
} from '../complaints/api.js';

/**
 * The admin API's shapes, defined once: the route handlers validate request bodies with these schemas and the
 * console (src/admin/console) imports the same schemas for its forms and the same types for its API client.
 * This module is loaded in the browser too: its only value imports are zod and modules that import nothing but zod
 * (complaints/api.ts); types come from the server modules with `import type`, which the bundle drops.
 */

// ---------- Session ----------

export const LoginBody = z.object({ username: z.string().trim().min(1).max(80), password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;
export interface LoginResponse {
  user: PublicUser;
  csrfToken: string;
}
export interface MeResponse {
  user: AuthUser;
  csrfToken: string | null;
  /** The Zalo id registered for the signed-in user's test sends ("gửi thử cho tôi"), null when none. */
  testRecipientId: string | null;
}

// ---------- Users and audit ----------

/** A Zalo user id as the OA API gives it (digits, letters, "_" or "-"). */
export const ZaloUserId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Zalo user id (letters, digits, "_" or "-")');

export const UserBody = z.object({ username: z.string(), password: z.string(), role: z.enum(['admin', 'staff']) });
export type UserBody = z.infer<typeof UserBody>;
export const RoleBody = z.object({ role: z.enum(['admin', 'staff']) }).strict();
/** Registers (or clears, with null) the Zalo id a console user receives test sends on. */
export const TestRecipientBody = z.object({ userId: ZaloUserId.nullable() }).strict();
export type TestRecipientBody = z.infer<typeof TestRecipientBody>;

export type PublicUser = Omit<AdminUser, 'passwordHash'>;

// ---------- Content ----------

export type ContentItem = Procedure | SystemIntent | ContactPoint | SentenceOverride;

export const ItemId = z.string().regex(/^[a-z0-9_.-]{1,80}$/);
export const RollbackBody = z.object({ version: z.coerce.number().int().min(1) });
export type RollbackBody = z.infer<typeof RollbackBody>;

export interface ContentView {
  kind: ContentKind;
  id: string;
  published: ContentItem | null;
  publishedVersion: number | null;
  draft: ContentVersion | null;
}

/** What a publish would change: every pending draft with its changes against what is live. */
export interface PublishPreview {
  items: { kind: ContentKind; id: string; name: string; version: number; deleting: boolean; isNew: boolean; diff: DiffEntry[]; lines: DiffLine[] }[];
  /** An approved catalogue sync waiting to be published: "publish every draft" publishes it too. */
  official?: OfficialDraft | null;
}

export interface PublishResult {
  version: string;
  published: ContentVersion[];
  /** The catalogue draft, when this publish carried it. */
  official?: OfficialPublished;
}

export const PhrasingBody = z.object({ text: z.string().trim().min(2).max(500), procedureId: z.string().min(1), groupKey: z.string().optional() });
export type PhrasingBody = z.infer<typeof PhrasingBody>;
export const DismissBody = z.object({ key: z.string().min(1).max(500) });

// ---------- Test console and evaluation cases ----------

export const TextBody = z.object({ text: z.string().trim().min(1, 'text is required').max(2000), draft: z.boolean().optional() });
export type TextBody = z.infer<typeof TextBody>;

/** Several citizen turns in one conversation, replayed from a fresh session (typed text or button payloads). */
export const ConversationBody = z.object({
  turns: z.array(z.string().trim().min(1).max(2000)).min(1).max(30),
  draft: z.boolean().optional(),
});
export type ConversationBody = z.infer<typeof ConversationBody>;

export interface ConversationResult {
  turns: NluTestResult[];
}

const Expected = z
  .object({
    /** The procedure this turn should be about (null: none, e.g. small talk). */
    procedureId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).nullable(),
    /** The intent the matcher should find ("procedure", "greeting", "out_of_scope"...). */
    intent: z.string().trim().min(1).max(40),
    aspect: z.string().trim().min(1).max(20).nullable().optional(),
    decision: z.enum(['answer', 'clarify', 'fallback']).optional(),
  })
  .strict();

/**
 * A conversation saved from the test console as an evaluation case: the turns in order, each with what it
 * should be understood as. The multi-turn evaluation file format is defined later from these records.
 */
export const EvalCaseBody = z
  .object({
    title: z.string().trim().min(1, 'required').max(120),
    note: z.string().trim().max(1000).optional(),
    turns: z
      .array(z.object({ text: z.string().trim().min(1).max(2000), expected: Expected }).strict())
      .min(1)
      .max(30),
  })
  .strict();
export type EvalCaseBody = z.infer<typeof EvalCaseBody>;
export interface EvalCase extends EvalCaseBody {
  id: string;
  createdAt: number;
  createdBy: string;
  /** The content version the turns were checked against when saved. */
  contentVersion: string;
}

// ---------- Announcements, followers and tags ----------

/** A tag: letters, digits, spaces or "_.:/-", at most 50 characters (e.g. "xã Bình Sơn", "chủ đề:thuế"). */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _.:/-]{0,49}$/u;
export const Tag = z.string().trim().regex(TAG_PATTERN, 'a tag of letters, digits, spaces or "_.:/-", at most 50 characters');
const TITLE = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');

export const AnnouncementButton = z.union(
  [
    z.object({ title: TITLE, url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }) }).strict(),
    z.object({ title: TITLE, phone: z.string().regex(/^\+?[0-9][0-9 .-]{5,19}$/, 'a phone number') }).strict(),
    z.object({ title: TITLE, payload: z.string().min(1).max(1000, 'at most 1000 characters') }).strict(),
  ],
  { message: 'a button is {title, url}, {title, phone} or {title, payload}' },
);
export type AnnouncementButton = z.infer<typeof AnnouncementButton>;

export const AudienceSchema = z.union(
  [
    z.object({ all: z.literal(true) }).strict(),
    z.object({ tags: z.array(Tag).min(1, 'at least one tag').max(50, 'at most 50 tags') }).strict(),
    z.object({ userIds: z.array(ZaloUserId).min(1, 'at least one user id').max(10_000, 'at most 10 000 user ids') }).strict(),
  ],
  { message: 'one of {all: true}, {tags: [...]} or {userIds: [...]}' },
);
/** Who receives an announcement: every follower, followers carrying any of the tags, or a fixed list. */
export type Audience = z.infer<typeof AudienceSchema>;

export const AnnouncementBody = z
  .object({
    title: TITLE,
    text: z.string().trim().min(1, 'required').max(2000, 'at most 2000 characters'),
    buttons: z.array(AnnouncementButton).max(5, 'at most 5 buttons').default([]),
    image: z.url({ protocol: /^https$/, message: 'an https URL' }).optional(),
    audience: AudienceSchema,
    sendAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time such as 2025-03-14T08:00:00+07:00' }).optional(),
    dryRun: z.boolean().optional(),
    draft: z.boolean().optional(),
  })
  .strict();
export type AnnouncementBody = z.input<typeof AnnouncementBody>;

export const SendBody = z.object({ sendAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time' }).optional() }).strict();
/** A test send: without userIds, to the signed-in user's registered test recipient ("gửi thử cho tôi"); with them, each must be a registered one. */
export const TestSendBody = z.object({ userIds: z.array(ZaloUserId).min(1, 'at least one test recipient').max(10, 'at most 10 test recipients').optional() }).strict();
export type TestSendBody = z.infer<typeof TestSendBody>;
export const FollowerTagsBody = z.object({ tags: z.array(Tag).max(50, 'at most 50 tags') }).strict();
export const AudienceSizeBody = z.object({ audience: AudienceSchema }).strict();

export const TagCreateBody = z.object({ tag: Tag }).strict();
/** Gives a tag (typically a commune or ward) to the listed followers. */
export const TagAssignBody = z.object({ tag: Tag, userIds: z.array(ZaloUserId).min(1, 'at least one user id').max(10_000) }).strict();
export type TagAssignBody = z.infer<typeof TagAssignBody>;
/** CSV text "user_id,tag" (one pair a line, a header line allowed); `apply: false` only checks it. */
export const TagImportBody = z.object({ csv: z.string().min(1).max(2_000_000), apply: z.boolean() }).strict();
export type TagImportBody = z.infer<typeof TagImportBody>;

export interface TagInfo {
  tag: string;
  /** Users carrying the tag, former followers included. */
  members: number;
  /** Current followers carrying it: who an announcement to this tag reaches. */
  followers: number;
}

export interface TagImportReport {
  rows: number;
  /** Pairs that were (or would be) added. */
  assignments: number;
  users: number;
  /** Tags the import creates: listed so a typo is seen before it becomes a tag. */
  newTags: string[];
  perTag: Record<string, number>;
  errors: { line: number; message: string }[];
  applied: boolean;
}

export interface AnnouncementCreated {
  id: string;
  status: AnnouncementStatus;
  audienceSize: number;
}

export interface TestSendResult {
  id: string;
  results: { userId: string; ok: boolean; messageId?: string; channel?: string; error?: string }[];
}

/** The error body of a 400 from the announcements and tags API: one message per field path. */
export interface FieldErrorsBody {
  error: 'invalid_request';
  fields: Record<string, string>;
}

// ---------- Dossier notices, templates, satisfaction (src/notify) ----------

export { MonthRangeQuery, NoticeListQuery, PreviewSchema, TemplateInputSchema, TestSendSchema } from '../notify/api.js';
export type { ComplaintsResponse, NoticeCountsResponse, NoticeTemplate, NoticeView, NotifyStatus, SatisfactionResponse, TemplateInput, TemplatesResponse } from '../notify/api.js';
export { DOSSIER_FIELDS, NOTICE_CHANNELS, NOTICE_STATES, type ChainStep, type DossierField, type NoticeChannel, type NoticeState } from '../notify/types.js';
// ---------- Hand-off inbox ----------

/** A voice message or photo the citizen sent, with the address it plays from (this origin, behind the login). */
export type InboxAttachment = MessageAttachment & { playUrl?: string };

export interface InboxItem extends HandoffState {
  /** The citizen's Zalo display name, null when Zalo gives none. */
  displayName: string | null;
  /** The last message, personal data masked. */
  last: HandoffMessage | null;
}

export interface InboxConversation {
  state: HandoffState | null;
  displayName: string | null;
  /** The conversation with the bot before the hand-off (INBOX_HISTORY_TURNS turns, oldest first, masked). */
  before: (Omit<ConversationEntry, 'attachment'> & { attachment?: InboxAttachment })[];
  messages: (Omit<HandoffMessage, 'attachment'> & { attachment?: InboxAttachment })[];
}

/** Handing a conversation back to the bot: `notified` says whether the citizen was told (Zalo may refuse). */
export interface ReleaseResponse {
  ok: true;
  notified: boolean;
}
