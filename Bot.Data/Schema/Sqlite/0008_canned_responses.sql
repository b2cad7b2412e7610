-- Replies technicians send often, written once by an admin, in English and Spanish, with placeholders
-- ({first_name}, {ticket}, {due}) filled in for each person.
CREATE TABLE canned_responses (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT NOT NULL,
    language   TEXT NOT NULL CHECK (language IN ('en', 'es')),
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (title, language)
);
