from . import fami_attendance_register_report
