"""The 90-day plan: roles with backups and the milestone checklist."""



from tests.app_pages import (
    PLAN, open_page, texts,
)


def test_plan_roles_warn_about_one_person_dependence(workspace):
    at = open_page(PLAN)
    assert "業務オーナー" in texts(at)
    at.text_input(key="role_owner_person").input("佐藤")
    at.text_input(key="role_operator_person").input("佐藤")
    at.text_input(key="role_operator_backup").input("鈴木")
    at.text_input(key="role_desk_person").input("田中")
    at.text_input(key="role_desk_backup").input("伊藤")
    at.button(key="FormSubmitter:roles_ja-役割を保存").click().run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "佐藤さんが業務オーナー・運用責任者を兼ねています" in warnings
    assert "「業務オーナー」（佐藤さん）に代理がいません" in warnings
    assert {r.role: r.person for r in workspace.roles()} == {"owner": "佐藤", "operator": "佐藤", "desk": "田中"}


def test_plan_checklist_is_proposed_then_saved(workspace):
    workspace.set_setting("tool.go_live", "2026-04-01")
    at = open_page(PLAN)
    proposed = at.data_editor[0].value
    assert list(proposed["day"])[0] == 0 and list(proposed["day"])[-1] == 90
    assert str(list(proposed["due"])[-1])[:10] == "2026-06-30"
    at.button(key="milestones_save").click().run()
    assert len(workspace.milestones()) == len(proposed)
