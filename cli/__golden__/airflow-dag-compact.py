# Airflow DAG of the Landfall project "Sales ops", written by `landfall schedule airflow`.
# Generate it again after changing the project rather than editing it.
# The pool caps the entities running at once; create it once: airflow pools set "landfall_Sales_ops" 3 "Landfall Sales ops"
from datetime import datetime, timedelta
import shlex

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG
try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator as Operator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator as Operator

LANDFALL = "/opt/landfall/bin/landfall"
PROJECT = "/srv/landfall/sales ops.landfall"
POOL = "landfall_Sales_ops"
# The batch date is the first day of the run's data interval.
BATCH_DATE = "{{ data_interval_start | ds }}"


def literal(text):
    """Text that Airflow's templating leaves as it is: each brace rendered from a string."""
    return "".join("{{ %r }}" % c if c in "{}" else c for c in text)


def landfall_run(entity):
    """The command of one entity's task, every argument quoted for the shell."""
    words = shlex.split(LANDFALL) + ["run", PROJECT, "--entities", entity]
    return literal(" ".join(shlex.quote(w) for w in words)) + " --batch-date " + BATCH_DATE


def landfall_process(fact, *options):
    """The command of one fact's task: one processing pass (no --every), every argument quoted for the shell."""
    words = shlex.split(LANDFALL) + ["process", PROJECT, fact, *options]
    return literal(" ".join(shlex.quote(w) for w in words))


def landfall_compact(entity):
    """The command of one entity's compaction task, after its run: its small files merged (no batch date)."""
    words = shlex.split(LANDFALL) + ["compact", PROJECT, "--entities", entity]
    return literal(" ".join(shlex.quote(w) for w in words))


default_args = {
    "pool": POOL,
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
}

with DAG(
    dag_id="landfall_Sales_ops",
    description="Landfall project Sales ops: 4 entities, 5 facts, 3 compactions",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["landfall"],
) as dag:
    Operator(task_id="entity_bulked", bash_command=landfall_run("bulked"))
    entity_2 = Operator(task_id="entity_customers", bash_command=landfall_run("customers"))
    entity_3 = Operator(task_id="entity_Order_Line_s_x", bash_command=landfall_run("Order \"Line's {{ x }}"))
    entity_4 = Operator(task_id="entity_orders", bash_command=landfall_run("orders"))
    Operator(task_id="fact_clicks", bash_command=landfall_process("clicks"))
    entity_3 >> Operator(task_id="fact_Line_s_sum_100", bash_command=landfall_process("Line's {{ sum }} 100%"))
    entity_4 >> Operator(task_id="fact_order_totals", bash_command=landfall_process("order totals"))
    Operator(task_id="fact_requests_files", bash_command=landfall_process("requests files", "--poller", "1"))
    Operator(task_id="fact_stale", bash_command=landfall_process("stale"))
    entity_2 >> Operator(task_id="compact_customers", bash_command=landfall_compact("customers"))
    entity_3 >> Operator(task_id="compact_Order_Line_s_x", bash_command=landfall_compact("Order \"Line's {{ x }}"))
    entity_4 >> Operator(task_id="compact_orders", bash_command=landfall_compact("orders"))
