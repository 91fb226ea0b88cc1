from ast import literal_eval

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .test_organisation_rules import DemoUsersMixin


@tagged("post_install", "-at_install")
class TestLessonsOfToday(DemoUsersMixin, TransactionCase):
    """Attività > Le mie lezioni di oggi shows the trainer's own lessons of today: its two default filters are in
    separate groups of the search view, which the web client joins with AND (filters of one group are joined with
    OR, which listed every lesson of the trainer and every lesson of the day)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()

    def filter_groups(self):
        action = self.env.ref("fami_activities.fami_course_session_action_today")
        views = self.env["fami.course.session"].with_user(self.trainer).get_views(
            [(False, "search")], {"action_id": action.id})
        groups, group = [], []
        for node in etree.fromstring(views["views"]["search"]["arch"]):
            if node.tag == "filter":
                group.append(node.get("name"))
            elif group:
                groups.append(group)
                group = []
        return [*groups, group] if group else groups

    def test_my_lessons_and_today_are_both_required(self):
        context = literal_eval(self.env.ref("fami_activities.fami_course_session_action_today").context)
        defaults = {key.removeprefix("search_default_") for key in context if key.startswith("search_default_")}
        self.assertEqual(defaults, {"mine", "today"})
        together = [group for group in self.filter_groups() if defaults <= set(group)]
        self.assertFalse(together, "“Le mie lezioni” and “Oggi” in one group are joined with OR")
