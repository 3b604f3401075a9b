-- In a cluster: each node's lease, renewed while it runs (README "Cluster"). A node whose lease has run out is taken
-- for dead, and the others take over the address blocks it had.
CREATE TABLE cluster_node (
    name varchar(64) NOT NULL PRIMARY KEY,
    lease_until timestamp(6) with time zone NOT NULL
);
