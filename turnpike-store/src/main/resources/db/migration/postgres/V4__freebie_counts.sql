-- Free requests used per service and client network (auth: freebie), so a restart gives no fresh freebies.
-- network: ClientPrefix.Network.key(), e.g. ipv4:0a000100 for 10.0.1.0/24. The same table as SQLite's V4.
CREATE TABLE freebie_counts (
    service TEXT    NOT NULL,
    network TEXT    NOT NULL,
    used    INTEGER NOT NULL CHECK (used > 0),
    PRIMARY KEY (service, network)
);
