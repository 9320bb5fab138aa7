-- Custom migration (created with `drizzle-kit generate --custom`): moves what messages.meta held into
-- the typed columns added by 0005, and held messages' content out of the webhook events' payloads.
-- 0007 then drops messages.meta.

-- A LINE message's sticker, location or duration.
UPDATE "messages" SET "details" = jsonb_strip_nulls(jsonb_build_object(
  'sticker', CASE WHEN "kind" = 'sticker' THEN jsonb_build_object(
    'packageId', "meta"->'packageId',
    'stickerId', coalesce("meta"->>'stickerId', ''),
    'keywords', coalesce("meta"->'keywords', '[]'::jsonb),
    'imageUrl', "meta"->'imageUrl') END,
  'location', CASE WHEN "kind" = 'location' AND "meta" ? 'latitude' THEN jsonb_build_object(
    'title', "meta"->'title',
    'address', "meta"->'address',
    'latitude', ("meta"->>'latitude')::float8,
    'longitude', ("meta"->>'longitude')::float8) END,
  'durationMs', CASE WHEN "kind" IN ('video', 'audio') AND jsonb_typeof("meta"->'duration') = 'number' THEN "meta"->'duration' END))
WHERE "direction" = 'line_to_slack' AND "kind" IN ('sticker', 'location', 'video', 'audio');
--> statement-breakpoint
-- The bot's notes: record cards, reminder pings, and notices (an earlier version stored them as rendered text in `body`).
UPDATE "messages" SET "note" = CASE
  WHEN jsonb_typeof("meta"->'updateId') = 'number' THEN jsonb_build_object('kind', 'record_card', 'recordId', "meta"->'updateId')
  WHEN jsonb_typeof("meta"->'pingId') = 'number' THEN jsonb_build_object('kind', 'reminder_ping', 'pingId', "meta"->'pingId')
  ELSE jsonb_build_object('kind', 'notice', 'notice', jsonb_strip_nulls(jsonb_build_object(
    'type', 'rendered',
    'retryMessageId', CASE WHEN "meta"->>'retrySelf' = 'true' THEN to_jsonb("id") ELSE "meta"->'retryMessageId' END,
    'retryInboundEventId', "meta"->'retryInboundEventId')))
  END
WHERE "direction" = 'note';
--> statement-breakpoint
-- Delivery bookkeeping.
UPDATE "messages" SET
  "post_no_answer_at" = CASE WHEN "meta"->>'noAnswerAt' IS NOT NULL THEN ("meta"->>'noAnswerAt')::timestamptz END,
  "post_failed" = coalesce("meta"->>'threadPost' = 'failed', false),
  "post_failures" = coalesce(("meta"->>'postFailures')::int, 0),
  "card_version" = CASE WHEN jsonb_typeof("meta"->'updateId') = 'number' AND "slack_ts" IS NOT NULL
    THEN greatest(coalesce(("meta"->>'shownVersion')::int, 1), coalesce(("meta"->>'cardFailedVersion')::int, 0)) END,
  "push_requests_done" = coalesce(("meta"->>'pushedRequests')::int, 0),
  "push_failures" = coalesce(("meta"->>'failures')::int, 0),
  "withdrawal" = CASE "meta"->>'withdrawal' WHEN 'pending' THEN 'owed' WHEN 'done' THEN 'done' WHEN 'failed' THEN 'failed' END,
  "files_to_delete" = coalesce(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof("meta"->'filesToDelete') = 'array' THEN "meta"->'filesToDelete' ELSE '[]'::jsonb END)), '{}'::text[])
WHERE "meta" <> '{}'::jsonb;
--> statement-breakpoint
-- Held messages keep their content themselves (the webhook event's payload is reduced once handled).
UPDATE "held_messages" h SET
  "line_message_id" = e."payload"#>>'{event,message,id}',
  "message" = jsonb_build_object(
    'webhookEventId', e."external_id",
    'lineMessageId', e."payload"#>>'{event,message,id}',
    'sentAt', to_char(to_timestamp(coalesce((e."payload"#>>'{event,timestamp}')::bigint, 0) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'kind', e."payload"#>>'{event,message,type}',
    'text', CASE WHEN e."payload"#>>'{event,message,type}' = 'text' THEN e."payload"#>'{event,message,text}' ELSE 'null'::jsonb END,
    'details', 'null'::jsonb,
    'attachments', CASE WHEN e."payload"#>>'{event,message,type}' IN ('image', 'video', 'audio', 'file') THEN jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
      'kind', e."payload"#>>'{event,message,type}',
      'lineMessageId', e."payload"#>>'{event,message,id}',
      'fileName', e."payload"#>'{event,message,fileName}',
      'size', e."payload"#>'{event,message,fileSize}'))) ELSE '[]'::jsonb END)
FROM "inbound_events" e
WHERE e."id" = h."inbound_event_id" AND e."payload" ? 'event' AND e."payload"#>>'{event,type}' = 'message' AND e."scrubbed_at" IS NULL;
--> statement-breakpoint
-- A held message whose event no longer has its content cannot be relayed: it is let go.
DELETE FROM "held_messages" WHERE "message" IS NULL;
