-- Failed sign-ins against user names that do not exist, shared by every server on the database (issue 11):
-- keyed by the SHA-256 (hex) of the trimmed, lower-cased name, so the table does not keep the names typed.
CREATE TABLE unknown_sign_in (
    name_hash       TEXT PRIMARY KEY,
    failed_attempts INTEGER NOT NULL,
    locked_until    TEXT,
    last_failed_at  TEXT NOT NULL
);
CREATE INDEX unknown_sign_in_last_failed ON unknown_sign_in (last_failed_at);
