/**
 * Text for one step of a fixture timeline: the request in a line, and a
 * response as the transitions, diagnostic and slot states a person reads.
 */
type Json = Record<string, any>;

function fields(value: Json, keys: readonly string[]): string {
  return keys
    .filter((key) => value[key] !== undefined)
    .map((key) => `${key}=${typeof value[key] === 'object' ? JSON.stringify(value[key]) : String(value[key])}`)
    .join(' ');
}

/** The request of a step, in one line. */
export function describeRequest(request: Json): string {
  const head = `${request.op} seq ${request.seq}`;
  switch (request.op) {
    case 'intent':
      return `${head}: ${request.intent.action} ${fields(request.intent, ['slot_id', 'trade_id', 'asset', 'side', 'order_type', 'target_size', 'limit_price', 'leverage', 'exit_leg_ratios'])}`;
    case 'venue_event':
      return `${head}: ${request.event.kind} ${fields(request.event, ['slot_id', 'trade_id', 'order_id', 'event_id', 'size', 'price', 'retry_after_ms'])}`;
    case 'account_event':
      return `${head}: ${request.event.kind} ${fields(request.event, ['seq', 'fee', 'realized_pnl', 'amount', 'e_wallet_balance'])}`;
    case 'mark_price':
      return `${head}: ${fields(request, ['asset', 'price', 'ts'])}`;
    case 'reconcile':
      return `${head}: ${request.reconcile_id ?? ''} slots ${(request.slots ?? []).map((s: Json) => s.slot_id).join(',')}`;
    case 'calibrate_fee':
      return `${head}: ${fields(request, ['order_type', 'fill_price', 'fill_size', 'actual_fee'])}`;
    case 'configure':
      return `${head}: slot_count=${request.config?.slot_count} mode=${request.config?.control?.mode}`;
    default:
      return head;
  }
}

/** A raw step, escaped so that control bytes and long lines stay readable. */
export function describeRaw(bytes: Buffer, note: string | undefined): string {
  const text = JSON.stringify(bytes.toString('utf8'));
  const shown = text.length > 90 ? `${text.slice(0, 87)}..."` : text;
  return `raw ${bytes.length} bytes ${shown}${note ? ` (${note})` : ''}`;
}

function describeTransition(t: Json): string {
  const arrow = `-${t.trigger}->`;
  if (t.machine === 'SLOT') return `SLOT[${t.slot_id}] ${t.from} ${arrow} ${t.to}${t.evidence ? ` evidence ${JSON.stringify(t.evidence)}` : ''}`;
  if (t.machine === 'ORDER') {
    const fill = t.fill_size !== undefined ? ` fill ${t.fill_size} @ ${t.fill_price}` : '';
    return `ORDER ${t.order_id} (${t.role}) ${t.from} ${arrow} ${t.to} filled ${t.filled_size}${fill}`;
  }
  if (t.machine === 'RECONCILE') return `RECONCILE[${t.slot_id}] ${t.field}: ${t.before} -> ${t.after}`;
  return JSON.stringify(t);
}

function describeOrder(label: string, order: Json | undefined): string {
  if (!order) return '';
  return ` ${label} ${order.order_id} ${order.status} ${order.filled_size}/${order.intended_size}`;
}

/** One slot's state in one line. */
export function describeSlot(slot: Json): string {
  const trade = slot.trade_id ? ` ${slot.trade_id} ${slot.side ?? ''} ${slot.asset ?? ''}` : '';
  const money = `rpnl ${slot.realized_pnl} upnl ${slot.unrealized_pnl} fees ${slot.fees_paid}`;
  return `slot ${slot.slot_id} ${slot.stage}${trade} size ${slot.size}/${slot.initial_size} @ ${slot.entry_price} ${money}${describeOrder('entry', slot.entry_order)}${describeOrder('exit', slot.exit_order)}`;
}

function describeAction(action: Json): string {
  if (action.type === 'PLACE_ORDER') {
    const price = action.limit_price !== undefined ? ` @ ${action.limit_price}` : '';
    return `PLACE_ORDER ${action.order_id} (${action.role}) ${action.order_side} ${action.order_type} ${action.size}${price}${action.reduce_only ? ' reduce-only' : ''}`;
  }
  return `${action.type} ${action.order_id}`;
}

function describeAccount(account: Json): string {
  return `account K ${account.k_capital} E ${account.e_wallet_balance ?? '-'} ${account.reconcile_status ?? ''}`;
}

/** A response as lines: diagnostic, transitions, actions, slot states after. */
export function describeResponse(line: string | undefined): string[] {
  if (line === undefined) return ['(no response)'];
  let response: Json;
  try {
    response = JSON.parse(line) as Json;
  } catch {
    return [`(not JSON) ${line.slice(0, 100)}`];
  }
  if (response.op === 'error') {
    const e = response.error ?? {};
    return [`ERROR ${e.code} (${e.category}) line ${e.line} path ${JSON.stringify(e.path)}${e.keyword ? ` keyword ${e.keyword}` : ''}: ${e.message}`];
  }
  if (response.result) {
    const r = response.result as Json;
    const o = r.outcome ?? {};
    const details = o.details && Object.keys(o.details).length > 0 ? ` ${JSON.stringify(o.details)}` : '';
    const out = [`${o.accepted ? 'accepted' : 'REFUSED'} ${o.code} ${o.severity} step ${r.step}${details}`];
    for (const t of o.transitions ?? []) out.push(`  ${describeTransition(t)}`);
    for (const a of r.actions ?? []) out.push(`  ${describeAction(a)}`);
    for (const s of r.slots ?? []) out.push(`  ${describeSlot(s)}`);
    if (r.account) out.push(`  ${describeAccount(r.account)}`);
    if (r.fee_calibration) out.push(`  fee calibration ${JSON.stringify(r.fee_calibration)}`);
    return out;
  }
  if (response.op === 'snapshot') {
    const s = response.snapshot ?? {};
    return [`snapshot step ${s.step}`, ...(s.slots ?? []).map((slot: Json) => `  ${describeSlot(slot)}`)];
  }
  if (response.op === 'hello') return [`hello ${response.protocol_version} ${JSON.stringify(response.capabilities)}`];
  return [`${response.op} ${fields(response, ['slot_count', 'step'])}${response.control ? ` mode=${response.control.mode}` : ''}`];
}
