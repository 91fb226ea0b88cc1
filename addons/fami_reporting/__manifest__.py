{
    "name": "FAMI Reporting",
    "summary": "Budget, expenses, staff costs under EU simplified cost options, claims and reports to the Ministry",
    "version": "18.0.1.0.0",
    "category": "FAMI",
    "license": "LGPL-3",
    "author": "FAMI Umbria 2 team",
    "website": "https://github.com/fami-umbria2/fami-suite",
    "depends": ["fami_activities"],
    "data": [
        "security/ir.model.access.csv",
        "views/fami_cost_category_views.xml",
    ],
    "demo": [],
    "external_dependencies": {"python": ["xlsxwriter", "num2words"]},
    "installable": True,
}
