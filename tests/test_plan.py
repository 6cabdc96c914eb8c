from datetime import date

from core.plan import Role, default_milestones, role_warnings, roles_have_backups


def keys(roles):
    return sorted(w.key for w in role_warnings(roles))


def test_a_well_staffed_plan_raises_nothing():
    roles = [Role("owner", "社長", "営業部長"), Role("operator", "佐藤", "鈴木"), Role("desk", "田中", "伊藤")]
    assert keys(roles) == [] and roles_have_backups(roles)


def test_one_person_holding_two_roles_and_missing_backups():
    roles = [Role("owner", "佐藤", ""), Role("operator", "佐藤 ", "佐藤"), Role("desk", "", "")]
    assert keys(roles) == ["plan.warn_no_backup", "plan.warn_self_backup", "plan.warn_two_roles",
                           "plan.warn_unassigned"]
    two = next(w for w in role_warnings(roles) if w.key == "plan.warn_two_roles")
    assert two.params == {"person": "佐藤", "roles": ["owner", "operator"]}
    assert not roles_have_backups(roles)


def test_default_milestones_run_from_day_0_to_90_with_dates():
    milestones = default_milestones(date(2026, 4, 1), lambda key: key)
    assert milestones[0].day == 0 and milestones[-1].day == 90
    assert milestones[-1].due == date(2026, 6, 30)
    assert all(not m.done for m in milestones)
    assert default_milestones(None, str)[0].due is None
