-- People who sign in to the technician console. A password hash only for local accounts (Entra ID accounts have none).
CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('technician', 'admin')),
    password_hash   TEXT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT NULL,
    active          INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    last_sign_in_at TEXT NULL
);

-- Who looked at or changed what in the console (FERPA: access to students' records is accounted for).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    account_id INTEGER NULL REFERENCES accounts (id),
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NULL
);

CREATE INDEX ix_audit_log_subject ON audit_log (subject, at);
