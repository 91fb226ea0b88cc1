from . import fami_course
