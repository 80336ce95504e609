-- Known DICOM peers of each centre (issue 14): the AE titles seedplan's node accepts associations from and sends to.
-- An AE title belongs to one centre only, so an object received from it is filed in that centre and no other.
CREATE TABLE dicom_peer (
    id ${id},
    centre_id BIGINT NOT NULL REFERENCES centre(id),
    ae_title TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    may_send BOOLEAN NOT NULL,
    may_receive BOOLEAN NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX dicom_peer_centre ON dicom_peer (centre_id);
