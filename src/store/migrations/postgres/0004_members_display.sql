-- Mirrors migrations/sqlite/0005_members_display.sql: each member row carries its user's email
-- and username as displayed (copies of users.email and users.username, which never change), so
-- that the users list reads members alone.
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN username TEXT NOT NULL DEFAULT '';
UPDATE members m SET email = u.email, username = u.username FROM users u WHERE u.id = m.user_id;
