{
    "name": "FAMI Beneficiaries",
    "summary": "Registry of third-country nationals (CPT), protected as GDPR special-category data",
    "version": "18.0.1.0.0",
    "category": "FAMI",
    "license": "LGPL-3",
    "author": "FAMI Umbria 2 team",
    "website": "https://github.com/fami-umbria2/fami-suite",
    "depends": ["fami_partners"],
    "data": [
        "security/ir.model.access.csv",
        "views/fami_beneficiary_views.xml",
    ],
    "demo": [],
    "installable": True,
}
