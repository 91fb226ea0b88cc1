{
    "name": "FAMI Project and Partnership",
    "summary": "The FAMI project, its actions, objectives and indicators, the partnership and the territorial network",
    "version": "18.0.1.0.0",
    "category": "FAMI",
    "license": "LGPL-3",
    "author": "FAMI Umbria 2 team",
    "website": "https://github.com/fami-umbria2/fami-suite",
    "depends": ["fami_workflow", "contacts", "mail"],
    "data": [
        "security/fami_partners_security.xml",
        "security/ir.model.access.csv",
        "views/fami_project_views.xml",
        "views/fami_partners_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
