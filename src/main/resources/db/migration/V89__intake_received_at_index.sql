-- The public list (Open311 GET requests) and the dashboards read requests newest first within a window, with or
-- without a category: without these a million requests are sorted on every page.
create index request_received_idx on request (received_at, id);
create index request_category_received_idx on request (category_code, received_at, id);
