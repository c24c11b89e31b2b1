// View changes are logged with the old view, the new view and why (as far as the status tells).
import { describe, expect, it } from 'vitest'
import { ViewWatch } from '../../src/node/view-log.js'

describe('view-change log lines', () => {
  it('the first status is the baseline; a timeout, its installation and a NEW-VIEW jump are each one event', () => {
    const w = new ViewWatch()
    expect(w.observe({ view: 0, primary: 0, viewChanging: false })).toBeUndefined()
    expect(w.observe({ view: 0, primary: 0, viewChanging: false })).toBeUndefined()
    expect(w.observe({ view: 1, primary: 1, viewChanging: true })).toEqual({ msg: 'view change started', oldView: 0, newView: 1, primary: 1, reason: 'timeout-or-joined' })
    expect(w.observe({ view: 2, primary: 2, viewChanging: true })).toEqual({ msg: 'view change started', oldView: 1, newView: 2, primary: 2, reason: 'timeout-or-joined' })
    expect(w.observe({ view: 2, primary: 2, viewChanging: true })).toBeUndefined()
    expect(w.observe({ view: 2, primary: 2, viewChanging: false })).toEqual({ msg: 'new view installed', oldView: 0, newView: 2, primary: 2, reason: 'installed' })
    expect(w.observe({ view: 3, primary: 3, viewChanging: false })).toEqual({ msg: 'view changed', oldView: 2, newView: 3, primary: 3, reason: 'new-view' })
  })
})
