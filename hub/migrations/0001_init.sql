-- Hub schema (docs/sync.md). Facilities and their credentials, the current state of every synced row with
-- per-field clocks, every version received (audit), batches seen (idempotency) and security events.
CREATE TABLE facilities (
  code text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('station', 'district', 'province')),
  parent text REFERENCES facilities (code),
  declared_by text,
  declared_up boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credentials (
  id text PRIMARY KEY,
  facility text NOT NULL REFERENCES facilities (code),
  secret_hash text NOT NULL,
  bundle_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE hub_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE SEQUENCE change_seq;

CREATE TABLE rows (
  table_name text NOT NULL,
  row_id text NOT NULL,
  owner text NOT NULL,
  kind text NOT NULL,
  subject text,
  resident_of text,
  vals jsonb NOT NULL,
  meta jsonb NOT NULL,
  hlc text NOT NULL,
  seq bigint NOT NULL,
  scope_seq bigint NOT NULL,
  PRIMARY KEY (table_name, row_id)
);

CREATE INDEX rows_seq ON rows (seq);

CREATE INDEX rows_subject ON rows (subject) WHERE subject IS NOT NULL;

CREATE TABLE versions (
  vseq bigserial PRIMARY KEY,
  batch_id text NOT NULL,
  from_facility text NOT NULL,
  origin text NOT NULL,
  upstream boolean NOT NULL DEFAULT false,
  table_name text NOT NULL,
  row_id text NOT NULL,
  owner text NOT NULL,
  hlc text NOT NULL,
  fields jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (table_name, row_id, hlc)
);

CREATE TABLE batches (
  facility text NOT NULL,
  id text NOT NULL,
  node text NOT NULL,
  changes integer NOT NULL,
  rejected jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (facility, id)
);

CREATE TABLE security_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  facility text,
  kind text NOT NULL,
  details jsonb NOT NULL
);
