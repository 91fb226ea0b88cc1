{
    "name": "FAMI Workflow",
    "summary": "Approval workflows defined as records in the UI and applied to any model",
    "version": "18.0.1.1.0",
    "category": "FAMI",
    "license": "LGPL-3",
    "author": "FAMI Umbria 2 team",
    "website": "https://github.com/fami-umbria2/fami-suite",
    "depends": ["base", "mail"],
    "uninstall_hook": "uninstall_hook",
    "data": [
        "security/fami_workflow_security.xml",
        "security/ir.model.access.csv",
        "data/fami_workflow_data.xml",
        "views/fami_workflow_views.xml",
        "views/fami_workflow_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["fami_workflow/static/tests/tours/*.js"],
    },
}
