-- A run history as the first release (schema version 1) wrote it: two tables, run ids as text, no
-- node summaries, no record of the recording process. tst_history migrates a copy of v1.db (made
-- from this file with `sqlite3 v1.db < v1.sql`) and checks what version 2 derives from it.
PRAGMA journal_mode = DELETE;
CREATE TABLE runs (id TEXT PRIMARY KEY, file TEXT, workflow TEXT, status TEXT NOT NULL, started INTEGER NOT NULL, ended INTEGER);
CREATE TABLE events (run TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, node TEXT, kind TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0, data TEXT, PRIMARY KEY (run, seq));
INSERT INTO runs VALUES ('11111111-aaaa-4000-8000-000000000001', '/tmp/v1/greet.yaml',
'flowstudio: 1
name: Greet
params:
  who: {default: world}
nodes:
  hello:
    type: shell.exec
    config: {command: "echo hello ${{ params.who }}"}
  shout:
    type: shell.exec
    after: [hello]
    config: {command: "echo HELLO"}
', 'failed', 1700000000000, 1700000000900);
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 1, 1700000000000, NULL, 'run.started', 0, '{"name":"Greet","nodes":["hello","shout"],"params":{"who":"v1"}}');
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 2, 1700000000010, 'hello', 'node.queued', 0, NULL);
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 3, 1700000000020, 'hello', 'node.started', 1, NULL);
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 4, 1700000000030, 'hello', 'node.log', 1, '{"line":"hello v1","stream":"stdout"}');
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 5, 1700000000400, 'hello', 'node.succeeded', 1, '{"duration":380,"outputs":{"exit_code":0,"stderr":"","stdout":"hello v1\n"}}');
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 6, 1700000000410, 'shout', 'node.queued', 0, NULL);
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 7, 1700000000420, 'shout', 'node.started', 1, NULL);
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 8, 1700000000890, 'shout', 'node.failed', 1, '{"error":"command exited with status 3"}');
INSERT INTO events VALUES ('11111111-aaaa-4000-8000-000000000001', 9, 1700000000900, NULL, 'run.finished', 0, '{"error":"node ''shout'' failed: command exited with status 3","status":"failed"}');
INSERT INTO runs VALUES ('22222222-bbbb-4000-8000-000000000002', '/tmp/v1/greet.yaml', 'flowstudio: 1
name: Greet
nodes:
  hello:
    type: shell.exec
    config: {command: "echo hello"}
', 'running', 1700000100000, NULL);
INSERT INTO events VALUES ('22222222-bbbb-4000-8000-000000000002', 1, 1700000100000, NULL, 'run.started', 0, '{"name":"Greet","nodes":["hello"],"params":{}}');
INSERT INTO events VALUES ('22222222-bbbb-4000-8000-000000000002', 2, 1700000100010, 'hello', 'node.queued', 0, NULL);
INSERT INTO events VALUES ('22222222-bbbb-4000-8000-000000000002', 3, 1700000100020, 'hello', 'node.started', 1, NULL);
PRAGMA user_version = 1;
