"""The communication register: a product is approved only with its evidence and the EU emblem, then locked with its
file; the regional website's updates are products of their own; events name the products that promoted them; as the
demo users."""
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RULE_LOGGERS, OutcomesCase

LEAFLET = base64.b64encode(b"%PDF-1.4 pieghevole")


@tagged("post_install", "-at_install")
class TestCommunication(OutcomesCase):
    def _product(self, user, **values):
        return self.env["fami.communication"].with_user(user).create(dict({
            "name": "Pieghevole dei corsi", "project_id": self.demo_project.id, "product_type": "leaflet",
            "date": "2026-09-01", "channel": "print", "audience": "cpt", "reach": 800, "reach_kind": "copies"},
            **values))

    def test_a_product_is_approved_with_its_file_and_the_eu_emblem_then_locked(self):
        product = self._product(self.staff)
        self.assertEqual(product.organisation_id, self.cidis)
        product.with_user(self.staff).workflow_fire("submit")
        with self.assertRefused(UserError, "neither its File nor its Address"):
            product.with_user(self.manager).workflow_fire("approve")
        product.with_user(self.manager).workflow_fire("reject", "Manca il file")
        product.with_user(self.staff).write({"file": LEAFLET, "filename": "pieghevole.pdf"})
        product.with_user(self.staff).workflow_fire("submit")
        with self.assertRefused(UserError, "does not show the EU emblem"):
            product.with_user(self.manager).workflow_fire("approve")
        product.with_user(self.manager).workflow_fire("reject", "Manca l'emblema")
        product.with_user(self.staff).write({"eu_emblem": True})
        product.with_user(self.staff).workflow_fire("submit")
        product.with_user(self.manager).workflow_fire("approve")
        with self.assertRefused(UserError, "locked"):
            product.with_user(self.manager).write({"reach": 5000})
        attachment = self.env["ir.attachment"].search([("res_model", "=", "fami.communication"),
                                                       ("res_id", "=", product.id), ("res_field", "=", "file")])
        with self.assertRefused(UserError, "The files of .* are locked"):
            attachment.with_user(self.manager).unlink()

    def test_the_regional_website_and_its_updates(self):
        website = self.env.ref("fami_outcomes.demo_communication_umbria_integra")
        self.assertEqual(website.update_count, 2)
        self.assertEqual(website.total_reach, 12000 + 2300, "approved updates only")
        update = self.env.ref("fami_outcomes.demo_communication_umbria_integra_courses")
        update.write({"reach": 700, "eu_emblem": True})
        update.workflow_fire("submit")
        update.workflow_fire("approve")
        self.assertEqual(website.total_reach, 12000 + 2300 + 700)
        # an update may be added to the approved website: it is a product of its own
        action = website.action_open_updates()
        self.assertEqual(action["context"]["default_product_type"], "website_update")
        first, second = self._product(self.staff, name="Pagina A"), self._product(self.staff, name="Pagina B")
        second.parent_id = first
        with self.assertRefused(UserError, "update of itself"):
            first.parent_id = second

    def test_events_name_the_products_that_promoted_them(self):
        event = self.env.ref("fami_outcomes.demo_event_network_day")
        self.assertEqual(event.communication_ids.mapped("product_type"), ["social", "poster"])
        self.assertEqual(event.network_link_ids, self.env.ref("fami_partners.demo_link_sal_perugia")
                         | self.env.ref("fami_partners.demo_link_agenzia_lavoro")
                         | self.env.ref("fami_partners.demo_link_scuola"))
        # the event is approved: its links are locked with it
        with self.assertRefused(UserError, "locked"):
            event.write({"communication_ids": [(5, 0, 0)]})

    def test_an_event_named_by_an_approved_product_is_not_deleted(self):
        event = self.env["fami.event"].create({
            "name": "Incontro in biblioteca", "project_id": self.demo_project.id, "organisation_id": self.cidis.id,
            "date_start": "2026-09-10 15:00:00", "date_stop": "2026-09-10 17:00:00"})
        product = self._product(self.staff, url="https://example.org/incontro", eu_emblem=True,
                                event_ids=[(6, 0, event.ids)])
        product.with_user(self.staff).workflow_fire("submit")
        product.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(event.communication_ids, product)
        with self.assertRefused(UserError, "named by the approved communication product"):
            event.unlink()

    def test_communication_as_the_demo_users(self):
        region_product = self.env.ref("fami_outcomes.demo_communication_press_launch")
        cidis_draft = self.env.ref("fami_outcomes.demo_communication_post_network_day")
        with mute_logger(*RULE_LOGGERS):
            # staff of C.i.d.i.s. read the Region's products but change only their own organisation's
            self.assertTrue(region_product.with_user(self.staff).read(["name"]))
            with self.assertRaises(AccessError):
                self._product(self.staff, organisation_id=self.env.ref("fami_partners.demo_partner_regione_umbria").id)
            # trainers, mediators and auditors register nothing
            for user in (self.trainer, self.mediator, self.auditor):
                with self.assertRaises(AccessError):
                    self._product(user)
                with self.assertRaises(AccessError):
                    cidis_draft.with_user(user).write({"reach": 1})
            # the submitter does not approve: only managers do
            with self.assertRaises(AccessError):
                cidis_draft.with_user(self.staff).workflow_fire("approve")
        self.assertIn(region_product, self.env["fami.communication"].with_user(self.auditor).search([]))
        cidis_draft.with_user(self.staff).write({"url": "https://example.org/post", "eu_emblem": True})
        cidis_draft.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(cidis_draft.workflow_state_code, "approved")
