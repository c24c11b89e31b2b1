// View changes as log lines. The replica's timer loop reads the core's status every tick; this
// turns consecutive statuses into events worth an info line: the view moved (with the old and
// new view and why, as far as the status tells), and a new view installed.
export interface ViewStatus { view: number, primary: number, viewChanging: boolean, viewChangeCause?: string }

export interface ViewEvent {
  msg: string
  oldView: number
  newView: number
  primary: number
  /**
   * 'timeout-or-joined': this replica started a view change (its request timer expired, or f+1
   * replicas asked for a higher view; the status does not tell which);
   * 'new-view': it moved straight into the view on a valid NEW-VIEW (or state transfer);
   * 'installed': the view change to newView completed.
   */
  reason: 'timeout-or-joined' | 'new-view' | 'installed'
  /** For 'timeout-or-joined': the core's own account of why (which timer, or who asked). */
  cause?: string
}

export class ViewWatch {
  private last: ViewStatus | undefined
  /** The last installed view before the current view change (what 'installed' reports as old). */
  private activeView: number | undefined

  /** The event between the previous status and this one, if any (none for the first). */
  observe (s: ViewStatus): ViewEvent | undefined {
    const prev = this.last
    this.last = { view: s.view, primary: s.primary, viewChanging: s.viewChanging }
    if (prev === undefined) return undefined
    if (!prev.viewChanging) this.activeView = prev.view
    const oldView = this.activeView ?? prev.view
    if (s.view !== prev.view) {
      return s.viewChanging
        ? { msg: 'view change started', oldView: prev.view, newView: s.view, primary: s.primary, reason: 'timeout-or-joined', cause: s.viewChangeCause }
        : { msg: 'view changed', oldView, newView: s.view, primary: s.primary, reason: 'new-view' }
    }
    if (prev.viewChanging && !s.viewChanging) return { msg: 'new view installed', oldView, newView: s.view, primary: s.primary, reason: 'installed' }
    return undefined
  }
}
