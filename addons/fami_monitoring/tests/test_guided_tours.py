from odoo.tests import HttpCase, tagged

from odoo.addons.fami_activities.tests.tour_common import ItalianTourMixin


@tagged("post_install", "-at_install")
class TestGuidedToursMenu(ItalianTourMixin, HttpCase):
    """Users start the guided tours of their role from the user menu ("Visite guidate"), in Italian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.env.ref("fami_partners.demo_user_formatore").lang = "it_IT"

    def test_trainer_starts_a_guided_tour_from_the_user_menu(self):
        self.start_tour("/odoo", "fami_test_guided_tours_menu", login="formatore")


@tagged("post_install", "-at_install")
class TestHomeScreen(HttpCase):
    """Each demo role lands on the FAMI dashboard after login, in the browser."""

    def test_each_role_lands_on_the_dashboard(self):
        for login in ("responsabile", "amministrativo", "formatore", "mediatore", "revisore"):
            with self.subTest(login=login):
                self.start_tour("/odoo", "fami_test_home_is_dashboard", login=login)
