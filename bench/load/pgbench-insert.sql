-- PostgreSQL's own rate for one request-sized row per transaction: the reference Jiesu's Open311 POST is held to.
-- The table is a copy of `request` with its indexes (run.sh makes it); the text is a typical 120-character message.
\set lat random(43610000, 44790000)
\set lon random(85610000, 89590000)
\set n random(1, 1000000000)
insert into bench_request (tracking_code, channel, type, text, category_code, urgency, latitude, longitude,
                           address, confidential, status, received_at, received_by)
values ('B' || :client_id || '-' || :n || '-' || txid_current(), 'API', 'HELP',
        '小区门口的路灯已经坏了两个多星期，晚上出行很不方便，老人孩子经过时容易摔倒，希望有关部门尽快派人维修更换，谢谢。小区门口的路灯已经坏了两个多星期，晚上出行很不方便，老人孩子经过时容易摔倒。',
        null, 'NORMAL', :lat / 1000000.0, :lon / 1000000.0, '建国路12号', false, 'RECEIVED', now(), 'open311:bench');
