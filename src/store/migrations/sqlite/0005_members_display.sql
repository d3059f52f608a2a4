-- Each member row carries its user's email and username as displayed, so that the users list
-- reads members alone instead of looking up a user per row. Copies of users.email and
-- users.username, which never change once an account exists.
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN username TEXT NOT NULL DEFAULT '';
UPDATE members SET email = (SELECT u.email FROM users u WHERE u.id = members.user_id),
                   username = (SELECT u.username FROM users u WHERE u.id = members.user_id);
