-- Every batch a hub receives is kept as it came, one row per batch (docs/sync.md, "Hub storage"), instead of one
-- `versions` row per change: the per-change rows (their JSON parsed by PostgreSQL, a heap tuple and two index
-- entries each) were a third of the cost of ingest. `body` is gzip JSON (a sync request with `push.changes`, or an
-- array of changes); rows moved here from `versions` are plain JSON (no gzip header). `rejected` lists the positions
-- of the changes the hub refused, which are kept for the audit but never forwarded.
-- `seq` comes from change_seq, like rows.seq: a district forwards batches upstream in sequence order, below the same
-- watermark (the lowest sequence number still being written) as pulls.
CREATE TABLE received (
  seq bigint PRIMARY KEY,
  batch_id text NOT NULL,
  from_facility text NOT NULL,
  origin text NOT NULL,
  upstream boolean NOT NULL,
  changes integer NOT NULL,
  rejected integer[] NOT NULL,
  body bytea NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Forwarding upstream reads what did not come from upstream, in sequence order.
CREATE INDEX received_outbox ON received (seq) WHERE NOT upstream;

INSERT INTO received (seq, batch_id, from_facility, origin, upstream, changes, rejected, body, received_at)
SELECT nextval('change_seq'), v.batch_id, v.from_facility, v.origin, v.upstream, count(*), '{}',
       convert_to(jsonb_agg(jsonb_build_object('t', v.table_name, 'id', v.row_id, 'o', v.owner, 'h', v.hlc, 'f', v.fields) ORDER BY v.vseq)::text, 'UTF8'),
       min(v.received_at)
  FROM versions v
 GROUP BY v.batch_id, v.from_facility, v.origin, v.upstream
 ORDER BY min(v.vseq);

-- The upstream outbox position was a versions.vseq: a batch counts as forwarded when all its versions were (a batch
-- forwarded in part goes again whole; the province merges it idempotently).
INSERT INTO hub_meta (key, value)
SELECT 'up.sent', coalesce((
  SELECT max(r.seq) FROM received r
   WHERE NOT r.upstream AND NOT EXISTS (
     SELECT 1 FROM versions v, hub_meta m
      WHERE m.key = 'up.acked' AND v.batch_id = r.batch_id AND v.from_facility = r.from_facility AND v.vseq > m.value::bigint)
     AND EXISTS (SELECT 1 FROM hub_meta m WHERE m.key = 'up.acked')), 0)::text;

DELETE FROM hub_meta WHERE key = 'up.acked';

DROP TABLE versions;

-- From now on bodies come compressed (after the rows above, which PostgreSQL compressed): not compressed again.
ALTER TABLE received ALTER COLUMN body SET STORAGE EXTERNAL;
