"""Serving Backprop Lab to a whole class.

- ``python -m classroom.serve``: K Streamlit processes (one per core by default) behind nginx
  with sticky sessions, a health check and a supervisor that restarts a process that died
  (``classroom.serve``, ``classroom.processes``, ``classroom.nginx``, ``nginx.conf.template``).
- A simulated student: a browser tab that speaks Streamlit's own websocket protocol, for the
  load benchmark (``bench/class_load.py``) and the serving tests (``classroom.protocol``,
  ``classroom.student``, ``classroom.play``).
"""
