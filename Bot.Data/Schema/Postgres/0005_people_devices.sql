-- The district and its schools, from the Student Information System (OneRoster orgs).
CREATE TABLE schools (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sourced_id  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    identifier  TEXT NULL,
    active      BOOLEAN NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Students, caregivers and staff (OneRoster users). Someone removed upstream is deactivated, never deleted: their
-- tickets and loans stay.
CREATE TABLE people (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sourced_id         TEXT NOT NULL UNIQUE,
    role               TEXT NOT NULL CHECK (role IN ('student', 'teacher', 'parent', 'guardian', 'relativeOf', 'administrator', 'aide')),
    given_name         TEXT NOT NULL,
    family_name        TEXT NOT NULL,
    identifier         TEXT NULL,
    username           TEXT NULL,
    email              TEXT NULL,
    grades             TEXT NULL,
    language           TEXT NULL,
    active             BOOLEAN NOT NULL,
    source_modified_at TIMESTAMPTZ NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE person_schools (
    person_id BIGINT NOT NULL REFERENCES people (id),
    school_id BIGINT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (person_id, school_id)
);

-- A caregiver and a student they are responsible for (OneRoster agentSourcedIds, read both ways).
CREATE TABLE guardianships (
    guardian_id BIGINT NOT NULL REFERENCES people (id),
    student_id  BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (guardian_id, student_id)
);

CREATE INDEX ix_guardianships_student ON guardianships (student_id);

-- The addresses the bot recognises a person by: phone numbers (E.164) for SMS, email, Teams identity. One address
-- can belong to several people (a family phone).
CREATE TABLE person_addresses (
    person_id BIGINT NOT NULL REFERENCES people (id),
    channel   TEXT NOT NULL,
    address   TEXT NOT NULL,
    PRIMARY KEY (person_id, channel, address)
);

CREATE INDEX ix_person_addresses_address ON person_addresses (channel, address);

CREATE TABLE devices (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_tag     TEXT NOT NULL UNIQUE,
    serial_number TEXT NULL,
    model         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('chromebook', 'windows', 'hotspot', 'other')),
    status        TEXT NOT NULL CHECK (status IN ('in service', 'loaned', 'in repair', 'lost', 'retired')),
    school_id     BIGINT NULL REFERENCES schools (id),
    notes         TEXT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX ix_devices_serial ON devices (serial_number) WHERE serial_number IS NOT NULL;

-- A device lent to a person. A device has at most one loan that is not returned.
CREATE TABLE loans (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id       BIGINT NOT NULL REFERENCES devices (id),
    person_id       BIGINT NOT NULL REFERENCES people (id),
    out_at          TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NULL,
    returned_at     TIMESTAMPTZ NULL,
    condition_notes TEXT NULL,
    ticket_id       BIGINT NULL REFERENCES tickets (id)
);

CREATE UNIQUE INDEX ix_loans_open_device ON loans (device_id) WHERE returned_at IS NULL;
CREATE UNIQUE INDEX ix_loans_identity ON loans (device_id, person_id, out_at);
CREATE INDEX ix_loans_person ON loans (person_id);

-- Who a ticket is about (a caregiver may write about their child) and the device it concerns.
ALTER TABLE tickets ADD COLUMN person_id BIGINT NULL REFERENCES people (id);
ALTER TABLE tickets ADD COLUMN device_id BIGINT NULL REFERENCES devices (id);
