{
    "name": "FAMI Activities",
    "summary": "Courses and sessions on the calendar, attendance, mediation hours, events, services and research",
    "version": "18.0.1.0.0",
    "category": "FAMI",
    "license": "LGPL-3",
    "author": "FAMI Umbria 2 team",
    "website": "https://github.com/fami-umbria2/fami-suite",
    "depends": ["fami_beneficiaries", "calendar", "hr_timesheet"],
    "data": [
        "security/ir.model.access.csv",
        "views/fami_course_views.xml",
    ],
    "demo": [],
    "installable": True,
}
