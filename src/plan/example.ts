/**
 * A realistic plan file, shown in the README and used by tests as a known-good input. Keep it
 * valid: tests parse it, and a broken example is the fastest way to lose a new user.
 */
export const EXAMPLE_PLAN_YAML = `# Okra plan: one quarter of objectives, key results, KPIs and risks.
# Numbers may be written the way people type them: 1,250  15%  3.5k  $12,000
cycle: { name: "2026 Q1", start: 2026-01-01, end: 2026-03-31 }

teams:
  - { name: Growth, channel: C0123GROW, members: [U01GROW01, U01GROW02, U01GROW03], leader: U01GROW01 }
  - { name: Product, channel: C0456PROD, members: [U02PROD01, U02PROD02], leader: U02PROD01 }
  - { name: Customer Success, channel: G0789CSUC, members: [U03CSUC01, U03CSUC02] }

objectives:
  - ref: company-midmarket
    title: Win the mid-market
    description: Mid-market accounts grow fastest and churn least; make them our core.
    level: company
    owner: U00CEO001
    key_results:
      - ref: midmarket-share
        title: Reach 15% market share in the mid-market
        owner: U01GROW01
        kind: increase
        start: 8%
        target: 15%
        unit: "%"
        curve: back_loaded
        check_ins:
          - { date: 2026-01-07, value: 8.5, confidence: 7 }
          - { date: 2026-01-14, value: 9, confidence: 7/10, comment: "Two deals slipped to February" }
      - ref: midmarket-arr
        title: Grow mid-market ARR to $1.2M
        owner: U01GROW02
        kind: increase
        start: $850k
        target: $1.2M
        unit: $

  - ref: growth-pipeline
    title: Build a predictable pipeline
    level: team
    team: Growth
    owner: U01GROW01
    parent: company-midmarket
    key_results:
      - title: Qualified demos per week
        owner: U01GROW03
        kind: increase
        start: 12
        target: 30
        weight: 2
      - title: Cost per lead stays below $180
        owner: U01GROW02
        kind: stay_below
        target: 180
        unit: $

  - ref: product-onboarding
    title: Onboarding that sells itself
    level: team
    team: Product
    owner: U02PROD01
    parent: company-midmarket
    key_results:
      - ref: time-to-value
        title: Cut median time-to-first-value
        owner: U02PROD02
        kind: decrease
        start: 9
        target: 3
        unit: days
      - ref: self-serve-import
        title: Ship self-serve data import
        owner: U02PROD01
        kind: milestone
        milestones:
          - { title: Design reviewed, weight: 1, done: true }
          - { title: Beta with 5 customers, weight: 2 }
          - { title: General availability, weight: 2 }

  - ref: cs-renewals
    title: Every renewal is a non-event
    level: team
    team: Customer Success
    owner: U03CSUC01
    parent: company-midmarket
    key_results:
      - title: Gross revenue retention stays above 92%
        owner: U03CSUC02
        kind: stay_above
        target: 92
        unit: "%"
      - title: Renewal playbook adopted by the whole team
        owner: U03CSUC01
        kind: boolean

kpis:
  - ref: weekly-active-teams
    title: Weekly active teams
    owner: U02PROD01
    team: Product
    direction: higher_is_better
    target: 1,500
    green: 1,400
    amber: 1,200
    cadence: weekly
    readings:
      - { date: 2026-01-05, value: 1310 }
      - { date: 2026-01-12, value: 1365 }
  - ref: first-response-hours
    title: First response time
    owner: U03CSUC01
    team: Customer Success
    unit: hours
    direction: lower_is_better
    target: 2
    green: 4
    amber: 8

risks:
  - title: Two senior AEs on parental leave in March
    owner: U01GROW01
    likelihood: 4
    impact: 3
    objective: company-midmarket
    mitigation: Pair each open deal with a second AE by mid-February.
    status: mitigating
  - title: Import beta customers churn before GA
    owner: U02PROD01
    likelihood: 2
    impact: 4
    key_result: self-serve-import
`;
