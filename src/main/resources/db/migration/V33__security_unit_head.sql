-- The unit head (单位负责人) handles like any handler and answers for the unit: final replies, rankings.
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
    check (role in ('OPERATOR', 'GRID_WORKER', 'HANDLER', 'UNIT_HEAD', 'SUPERVISOR', 'ADMIN'));
