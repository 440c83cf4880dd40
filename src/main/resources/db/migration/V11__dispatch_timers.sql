-- db-scheduler's table: durable one-time timers, picked with SKIP LOCKED so several instances share the work.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Each timer's effect happens once: a re-run after a crash finds its row here and does nothing.
create table order_timer_fired (
    kind     text not null,
    order_id bigint not null references work_order (id),
    deadline timestamp with time zone not null,
    fired_at timestamp with time zone not null,
    fired_by text not null,
    primary key (kind, order_id, deadline)
);

alter table work_order add column warned_at timestamp with time zone;
alter table work_order add column sign_overdue_at timestamp with time zone;
alter table work_order add column overdue_at timestamp with time zone;
create index work_order_open_deadline_idx on work_order (reply_deadline)
    where state in ('DISPATCHED', 'SIGNED', 'RETURN_REQUESTED');

-- When the hotline should call back after a reply.
insert into time_rule (name, amount, unit) values ('CALLBACK', 2, 'WORKING_DAYS');
