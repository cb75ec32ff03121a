import { describe, expect, it } from 'vitest';
import { ZALO_EVENT_NAMES, echoAdminId, eventIdentity, eventUserId, isEcho, parseZaloEvent, type ZaloEvent } from '../../src/zalo/events.js';
import { ADMIN_ID, EVENT_BODIES, OA_ID, USER_ID } from './fixtures.js';

function parse(body: unknown, oaId?: string): ZaloEvent {
  const r = parseZaloEvent(body, oaId);
  if (!r.ok) throw new Error(r.error);
  return r.event;
}

describe('parseZaloEvent', () => {
  it('has a fixture for every event name of the reference, and the parser knows each of them', () => {
    expect(Object.keys(EVENT_BODIES).sort()).toEqual([...ZALO_EVENT_NAMES].sort());
    expect(ZALO_EVENT_NAMES.length).toBe(39);
  });

  for (const [name, body] of Object.entries(EVENT_BODIES)) {
    it(`parses ${name} into kind ${name} with string ids and timestamp`, () => {
      const event = parse(body, OA_ID);
      expect(event.kind).toBe(name);
      if (event.kind === 'unknown') throw new Error('unexpected unknown');
      expect(typeof event.timestamp).toBe('string');
      expect(event.timestamp).toBe(body.timestamp);
      expect(eventIdentity(event)).toMatch(new RegExp(`^${name}:`));
    });
  }

  it('keeps the text and attachments of user messages', () => {
    const text = parse(EVENT_BODIES.user_send_text);
    if (text.kind !== 'user_send_text') throw new Error(text.kind);
    expect(text.message.text).toBe('thu tuc dk ks');
    expect(text.message.msg_id).toBe('9f1c0d2e3b4a5f607182');

    const loc = parse(EVENT_BODIES.user_send_location);
    if (loc.kind !== 'user_send_location') throw new Error(loc.kind);
    expect(loc.message.attachments?.[0]?.payload?.coordinates).toEqual({ latitude: '10.7769', longitude: '106.7009' });

    const file = parse(EVENT_BODIES.user_send_file);
    if (file.kind !== 'user_send_file') throw new Error(file.kind);
    expect(file.message.attachments?.[0]?.payload).toMatchObject({ name: 'to-khai.pdf', size: '102400', type: 'pdf' });
  });

  it('coerces numeric ids and timestamps to strings, never to numbers', () => {
    const body = { event_name: 'user_send_text', app_id: 4120118, timestamp: 1716950400123, sender: { id: 2468 }, recipient: { id: 3660 }, message: { msg_id: 42, text: 'hi' } };
    const e = parse(body);
    if (e.kind !== 'user_send_text') throw new Error(e.kind);
    expect(e.sender.id).toBe('2468');
    expect(e.timestamp).toBe('1716950400123');
    expect(e.app_id).toBe('4120118');
    expect(e.message.msg_id).toBe('42');
  });

  it('submitted info: the phone number becomes a string', () => {
    const e = parse(EVENT_BODIES.user_submit_info);
    if (e.kind !== 'user_submit_info') throw new Error(e.kind);
    expect(e.info.phone).toBe('84912345678');
    expect(e.info.name).toBe('Nguyen Van A');
  });

  it('tolerates extra fields', () => {
    const e = parse({ ...EVENT_BODIES.follow, brand_new_field: { x: 1 } });
    expect(e.kind).toBe('follow');
  });

  it('answers unknown event names with kind unknown, not an error', () => {
    expect(parse({ event_name: 'user_send_group_text', timestamp: '1' })).toEqual({ kind: 'unknown', eventName: 'user_send_group_text', timestamp: '1' });
  });

  it('fails on a non-object body, a missing event name, or a known event without its essential ids', () => {
    expect(parseZaloEvent('x').ok).toBe(false);
    expect(parseZaloEvent(null).ok).toBe(false);
    expect(parseZaloEvent({ timestamp: '1' }).ok).toBe(false);
    const noSender = { ...EVENT_BODIES.user_send_text, sender: undefined };
    const r = parseZaloEvent(noSender);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('sender');
    expect(parseZaloEvent({ ...EVENT_BODIES.follow, follower: undefined }).ok).toBe(false);
  });
});

describe('event helpers', () => {
  it('eventUserId finds the citizen in every event shape', () => {
    const expectUser: Record<string, string | undefined> = {};
    for (const name of Object.keys(EVENT_BODIES)) expectUser[name] = USER_ID;
    for (const n of ['anonymous_send_text', 'anonymous_send_image', 'anonymous_send_file', 'anonymous_send_sticker', 'oa_send_anonymous_text', 'oa_send_anonymous_image', 'oa_send_anonymous_file', 'oa_send_anonymous_sticker']) {
      expectUser[n] = 'anon-1111';
    }
    expectUser.remove_tag = undefined;
    expectUser.permission_revoked = undefined;
    for (const [name, body] of Object.entries(EVENT_BODIES)) {
      expect(eventUserId(parse(body), OA_ID), name).toBe(expectUser[name]);
    }
  });

  it('receipts and submitted info: whichever id is not the OA, both ways round', () => {
    const swapped = { ...EVENT_BODIES.user_seen_message, sender: { id: USER_ID }, recipient: { id: OA_ID } };
    expect(eventUserId(parse(swapped), OA_ID)).toBe(USER_ID);
    expect(eventUserId(parse(EVENT_BODIES.user_seen_message), OA_ID)).toBe(USER_ID);
    const info = { ...EVENT_BODIES.user_submit_info, sender: { id: OA_ID }, recipient: { id: USER_ID } };
    expect(eventUserId(parse(info), OA_ID)).toBe(USER_ID);
    // Without the OA id, the majority reading of the sources.
    expect(eventUserId(parse(EVENT_BODIES.user_received_message))).toBe(USER_ID);
  });

  it('echoes: isEcho and the admin id of staff messages', () => {
    const staff = parse(EVENT_BODIES.oa_send_text);
    expect(isEcho(staff)).toBe(true);
    expect(echoAdminId(staff)).toBe(ADMIN_ID);
    const api = parse(EVENT_BODIES.oa_send_image);
    expect(isEcho(api)).toBe(true);
    expect(echoAdminId(api)).toBeUndefined();
    expect(isEcho(parse(EVENT_BODIES.oa_send_anonymous_text))).toBe(true);
    const user = parse(EVENT_BODIES.user_send_text);
    expect(isEcho(user)).toBe(false);
    expect(echoAdminId(user)).toBeUndefined();
    expect(isEcho(parse(EVENT_BODIES.oa_reacted_message))).toBe(false);
  });

  it('eventIdentity: msg_id when present, the same for a redelivery, different across events', () => {
    const a = eventIdentity(parse(EVENT_BODIES.user_send_text));
    expect(a).toBe('user_send_text:9f1c0d2e3b4a5f607182');
    const redelivered = eventIdentity(parse(JSON.parse(JSON.stringify(EVENT_BODIES.user_send_text))));
    expect(redelivered).toBe(a);
    // The same msg_id appears in our send's echo and its receipt: they are different events.
    expect(eventIdentity(parse(EVENT_BODIES.oa_send_text))).not.toBe(eventIdentity(parse(EVENT_BODIES.user_received_message)));
    const all = Object.values(EVENT_BODIES).map((b) => eventIdentity(parse(b)));
    expect(new Set(all).size).toBe(all.length);
  });

  it('eventIdentity without msg_id: event name + ids + timestamp', () => {
    const f = parse(EVENT_BODIES.follow);
    expect(eventIdentity(f)).toBe(`follow:${USER_ID}:${OA_ID}:1716950402000`);
    const later = parse({ ...EVENT_BODIES.follow, timestamp: '1716950499999' });
    expect(eventIdentity(later)).not.toBe(eventIdentity(f));
    const other = parse({ ...EVENT_BODIES.follow, follower: { id: '1111' } });
    expect(eventIdentity(other)).not.toBe(eventIdentity(f));
  });

  it('eventIdentity separates two reactions to one message', () => {
    const heart = parse(EVENT_BODIES.user_reacted_message);
    const strong = parse({ ...EVENT_BODIES.user_reacted_message, timestamp: '1716950405999', message: { msg_id: '0011aabb2233ccdd4455', react_icon: '/-strong' } });
    expect(eventIdentity(heart)).not.toBe(eventIdentity(strong));
  });
});
