// The demo manual's text: the service manual of a fictional machine, the Aerotech AC-400
// rotary screw air compressor. Everything here (company, machine, data, part numbers) is invented.
//
// Inline markup understood by the generator:
//   **bold**   bold text inside paragraphs, list items and callout text
//   {{id}}     replaced by the number of the chapter or section with that id (e.g. "9.3")
//
// Characters must stay within the WinAnsi set of the PDF standard fonts (the generator checks).

export type SignalWord = 'DANGER' | 'WARNING' | 'CAUTION' | 'NOTICE';

export type FigureId = 'flow-diagram' | 'controller-panel' | 'belt-tension';

export interface TableColumn {
  header: string;
  /** Relative width; the generator scales the columns to the text width. */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Cells of this column in bold (codes, part numbers). */
  bold?: boolean;
}

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'subheading'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'steps'; items: string[] }
  | { type: 'table'; caption: string; columns: TableColumn[]; rows: string[][] }
  | { type: 'callout'; level: SignalWord; title: string; text: string; items?: string[] }
  | { type: 'figure'; figure: FigureId; caption: string };

export interface Section {
  id: string;
  title: string;
  /** Start the section at the top of a new page (for long procedures). */
  newPage?: boolean;
  blocks: Block[];
}

export interface Chapter {
  id: string;
  kind: 'chapter' | 'appendix';
  /** "1", "2", ... for chapters, "A", "B" for appendices. */
  number: string;
  title: string;
  intro?: Block[];
  sections: Section[];
}

export interface Manual {
  /** Full title, used in the document properties and the running header. */
  title: string;
  brand: string;
  model: string;
  machine: string;
  kind: string;
  documentNumber: string;
  revision: string;
  issueDate: string;
  publisher: string;
  cover: { label: string; value: string }[];
  coverNotice: string;
  chapters: Chapter[];
}

const p = (text: string): Block => ({ type: 'paragraph', text });
const h = (text: string): Block => ({ type: 'subheading', text });
const ul = (...items: string[]): Block => ({ type: 'bullets', items });
const ol = (...items: string[]): Block => ({ type: 'steps', items });
const table = (caption: string, columns: TableColumn[], rows: string[][]): Block => ({ type: 'table', caption, columns, rows });
const callout = (level: SignalWord, title: string, text: string, items?: string[]): Block =>
  items ? { type: 'callout', level, title, text, items } : { type: 'callout', level, title, text };
const figure = (id: FigureId, caption: string): Block => ({ type: 'figure', figure: id, caption });

const causeCheckRemedy: TableColumn[] = [
  { header: 'Possible cause', width: 30 },
  { header: 'How to check', width: 35 },
  { header: 'Remedy', width: 35 },
];

// ---------------------------------------------------------------------------------------------
// 1 Introduction
// ---------------------------------------------------------------------------------------------

const introduction: Chapter = {
  id: 'intro',
  kind: 'chapter',
  number: '1',
  title: 'Introduction',
  sections: [
    {
      id: 'about',
      title: 'About this manual',
      blocks: [
        p(
          "This service manual covers the installation, operation, fault finding and maintenance of the Aerotech AC-400 rotary screw air compressor. It is written for trained service technicians and for the operator's maintenance staff. Read chapter {{safety}} (Safety) before carrying out any work on the machine.",
        ),
        p(
          'Keep this manual with the compressor for its whole service life and hand it over with the machine if it is sold. Record every service in the service record in appendix {{service-record}}; the warranty is only honoured when the record shows that the intervals in chapter {{schedule}} were kept.',
        ),
        p(
          'The manual applies to machines from serial number **AC400-2301-00001** onwards, built with the AeroLogic 2 controller. Earlier machines with the AeroLogic 1 controller use different fault codes; ask Aerotech Service for manual AT-SM-400-EN Rev. A.',
        ),
        h('Models covered'),
        table(
          'Model variants covered by this manual',
          [
            { header: 'Model', width: 18, bold: true },
            { header: 'Description', width: 52 },
            { header: 'Weight', width: 15, align: 'right' },
            { header: 'Footprint', width: 25, align: 'right' },
          ],
          [
            ['AC-400', 'Compressor on base frame, for connection to a separate air receiver', '385 kg', '1,240 × 780 mm'],
            ['AC-400R', 'Compressor mounted on a 270 L air receiver with manual drain valve', '470 kg', '1,650 × 780 mm'],
          ],
        ),
      ],
    },
    {
      id: 'conventions',
      title: 'Conventions used in this manual',
      blocks: [
        p(
          'Safety messages use the four signal words below. The signal word tells you how serious the hazard is; the text tells you how to avoid it.',
        ),
        table(
          'Signal words',
          [
            { header: 'Signal word', width: 20, bold: true },
            { header: 'Meaning', width: 80 },
          ],
          [
            ['DANGER', 'A hazardous situation which, if not avoided, will result in death or serious injury.'],
            ['WARNING', 'A hazardous situation which, if not avoided, could result in death or serious injury.'],
            ['CAUTION', 'A hazardous situation which, if not avoided, could result in minor or moderate injury.'],
            ['NOTICE', 'Information about possible damage to the machine or property. No risk of injury.'],
          ],
        ),
        h('Units and terms'),
        ul(
          '**bar(g)** is gauge pressure, i.e. pressure above atmospheric pressure. All pressures in this manual are gauge pressures unless marked bar(a).',
          '**Net pressure** is the pressure at the compressor outlet, measured by transducer B1. **Tank pressure** is the pressure in the oil separator tank, measured by transducer B3.',
          '**FAD** (free air delivery) is the volume flow of air at inlet conditions, measured according to ISO 1217, Annex C.',
          '**h** means running hours as shown by the controller (Counters menu), not calendar hours.',
          'Left and right are as seen when standing in front of the controller panel.',
        ),
      ],
    },
    {
      id: 'identification',
      title: 'Machine identification',
      blocks: [
        p(
          'The nameplate is riveted to the rear panel, next to the cable entry gland of the supply cable. A second, adhesive copy is fixed inside the front service door. Always quote the model and serial number when ordering parts or asking for help.',
        ),
        p(
          'The nameplate shows: model, serial number, year of manufacture, maximum working pressure, free air delivery at maximum working pressure, supply voltage and frequency, full load current, motor power, weight and the CE mark.',
        ),
        h('Serial number format'),
        p(
          'Serial numbers have the format **AC400-YYWW-NNNNN**: YY is the year and WW the calendar week of manufacture, NNNNN is a running number. Example: AC400-2314-00482 was built in week 14 of 2023.',
        ),
        p(
          'The airend has its own serial number, stamped on the housing next to the rotation arrow. Note it in the service record: the airend exchange unit (AT-400-3001) is supplied against the returned airend and its serial number.',
        ),
      ],
    },
    {
      id: 'intended-use',
      title: 'Intended use',
      blocks: [
        p(
          'The AC-400 produces compressed air for industrial use, such as pneumatic tools, actuators and blow-off applications, in a closed, frost-free and ventilated room. Any other use is improper use.',
        ),
        h('Prohibited use'),
        ul(
          'Producing breathing air or air that comes into direct contact with food or medicines without suitable downstream treatment approved for that purpose.',
          'Compressing any gas other than atmospheric air, or taking in air containing flammable, toxic or corrosive vapours.',
          'Installation in an explosive atmosphere, outdoors without weather protection, or in ambient temperatures outside +5 to +45 °C.',
          'Operation with doors or panels removed, with safety devices bypassed, or above the maximum working pressure of 10 bar(g).',
        ),
      ],
    },
    {
      id: 'overview',
      title: 'How the compressor works',
      blocks: [
        p(
          'Ambient air is drawn through the **air filter** and the **inlet valve** into the **airend**, where two helical rotors compress it. Oil is injected into the airend to seal the rotor clearances, to lubricate the bearings and to absorb the heat of compression.',
        ),
        p(
          'The air/oil mixture leaves the airend into the **separator tank**. Most of the oil falls out by gravity; the **separator element** removes the remaining oil mist, which returns to the airend through the scavenge line. The **minimum pressure valve** opens at 4.5 bar and keeps the tank pressure high enough for oil circulation during start-up. The air then passes the **aftercooler** and the **water separator** with its automatic drain, and leaves the machine at the outlet connection.',
        ),
        p(
          'The tank pressure drives the oil through the **thermostatic valve**, which sends it through the **oil cooler** once it is warmer than 71 °C, and through the **oil filter** back to the airend. There is no oil pump.',
        ),
        figure('flow-diagram', 'Air and oil circuits (simplified)'),
      ],
    },
    {
      id: 'contact',
      title: 'Warranty and service contact',
      blocks: [
        p(
          'Aerotech warrants the AC-400 for 24 months from commissioning or 6,000 running hours, whichever comes first. The airend warranty extends to 5 years when the machine is serviced at the intervals in this manual with genuine Aerotech parts and AeroLube oil.',
        ),
        table(
          'Aerotech Service contacts',
          [
            { header: 'Service', width: 30, bold: true },
            { header: 'Contact', width: 70 },
          ],
          [
            ['Technical hotline', '+1 555 0147 (Monday to Friday, 07:00 to 18:00)'],
            ['E-mail', 'service@aerotech.example'],
            ['Spare parts orders', 'parts@aerotech.example, quote model, serial number and part number'],
            ['Postal address', 'Aerotech Compressor Systems, 14 Foundry Lane, Northfield Industrial Park'],
          ],
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 2 Safety
// ---------------------------------------------------------------------------------------------

const safety: Chapter = {
  id: 'safety',
  kind: 'chapter',
  number: '2',
  title: 'Safety',
  intro: [
    p(
      'The AC-400 is built to the state of the art and its safety functions are tested at the factory. Nevertheless it contains hazardous voltages, hot surfaces and stored pressure. The following rules apply to everyone who installs, operates or services the machine.',
    ),
  ],
  sections: [
    {
      id: 'safety-general',
      title: 'General safety rules',
      blocks: [
        ul(
          'Only trained and authorised persons may service the compressor. Work on the electrical equipment is reserved for qualified electricians.',
          'Always isolate and lock out the machine before opening the canopy for maintenance (see {{loto}}). Pressing the Stop key is not an isolation.',
          'Never operate the machine with the doors open, panels removed or the belt guard missing.',
          'Never modify the machine, bypass safety devices or adjust the safety valve.',
          'Use only genuine Aerotech spare parts and AeroLube compressor oil.',
          'Keep the machine and its surroundings clean and free of oil. Wipe up spilled oil at once: it is a slip and fire hazard.',
          'Never point compressed air at people or use it to clean clothing or skin.',
        ),
      ],
    },
    {
      id: 'electric-shock',
      title: 'Electric shock',
      blocks: [
        callout(
          'DANGER',
          'Hazardous voltage: 400 V',
          'Contact with live parts will cause death or serious injury. The incoming terminals of main isolator Q1 remain live when Q1 is switched OFF.',
          [
            'Switch off and lock the upstream supply disconnect before working in the electrical cabinet.',
            'Verify that no voltage is present with a two-pole voltage tester at the incoming terminals of Q1: L1-L2, L2-L3, L3-L1 and each phase to PE.',
            'Only qualified electricians may open the electrical cabinet.',
          ],
        ),
        p(
          'The control circuit is supplied with 24 V AC from control transformer T1. This voltage is not dangerous in itself, but the same cabinet contains 400 V components. Treat the whole cabinet as live until you have proved otherwise.',
        ),
        callout(
          'WARNING',
          'Automatic restart after power failure',
          'When parameter P05 (auto-restart) is ON, the compressor restarts by itself after a power failure. Never rely on the machine being stopped because it is silent: check the state of the AUTO and POWER lights and isolate with Q1.',
        ),
      ],
    },
    {
      id: 'pressure-hazard',
      title: 'Pressurised air and oil',
      blocks: [
        callout(
          'DANGER',
          'Stored pressure',
          'The separator tank, the coolers and the pipework contain air and hot oil at up to 11 bar. Opening a pressurised part will cause serious injury from ejected parts, hot oil and air jets.',
          [
            'Never loosen a plug, fitting, filter or cover while the system is under pressure.',
            'After every stop wait at least 2 minutes for the blow-down valve to vent the tank, then confirm 0 bar on tank pressure gauge PI-1 and on the controller (tank pressure).',
            'Close and lock the customer outlet isolation valve: air can flow back from the network or receiver.',
          ],
        ),
        callout(
          'WARNING',
          'Compressed air jets',
          'Compressed air can penetrate the skin and cause embolism. Wear safety glasses when blowing out parts and limit blow guns to 2 bar for cleaning.',
        ),
      ],
    },
    {
      id: 'hot-surfaces',
      title: 'Hot surfaces and hot oil',
      blocks: [
        callout(
          'WARNING',
          'Hot surfaces: up to 110 °C',
          'The airend, discharge pipe, separator tank, oil filter and cooler become hot enough to cause severe burns. The oil in the machine can be hotter than 90 °C immediately after stopping.',
          [
            'Allow the compressor to cool for at least 30 minutes after stopping before touching these parts.',
            'Wear heat-resistant gloves and safety glasses when draining oil.',
          ],
        ),
        callout(
          'CAUTION',
          'Skin contact with oil',
          'Repeated skin contact with compressor oil can cause skin irritation. Wear nitrile gloves and wash skin with soap and water after contact.',
        ),
      ],
    },
    {
      id: 'moving-parts',
      title: 'Moving parts and noise',
      blocks: [
        callout(
          'WARNING',
          'Rotating belts, pulleys and fan',
          'Entanglement in the V-belt drive or cooling fan can cause serious injury. The compressor can start automatically at any time while the AUTO light is on.',
          ['Isolate and lock out before removing the belt guard or fan guard.', 'Refit all guards before switching on.'],
        ),
        callout(
          'CAUTION',
          'Noise',
          'With the doors closed the sound pressure level is 69 dB(A). With doors open or the safety valve blowing it can exceed 85 dB(A). Wear hearing protection when working near the running machine with the doors open.',
        ),
      ],
    },
    {
      id: 'loto',
      title: 'Lockout/tagout procedure',
      blocks: [
        p(
          'Carry out this procedure before any maintenance or repair inside the canopy. Every person working on the machine fits his or her own padlock. Main isolator Q1 takes up to three padlocks with a shackle diameter of 4 to 8 mm.',
        ),
        ol(
          'Inform the operator and other affected persons that the compressor will be shut down.',
          'Press the Stop key (O). The compressor unloads, runs on unloaded for 30 s and stops. Do not use the emergency stop for a normal shutdown.',
          'Turn main isolator Q1 to OFF (0). Fit your personal padlock and a tag with your name, the date and the reason for the lockout.',
          'For work in the electrical cabinet, also switch off, lock and tag the upstream supply disconnect.',
          'Close the customer outlet isolation valve between compressor and network, and lock and tag it.',
          'Wait at least 2 minutes. Confirm 0 bar on tank pressure gauge PI-1 on the separator tank.',
          'Verify zero energy: press the Start key (I) - nothing must happen and the display must stay dark. For electrical work, test for absence of voltage as described in section {{electric-shock}}.',
          'Let hot parts cool down for at least 30 minutes before touching them.',
        ),
        h('Removing the lockout'),
        ol(
          'Check that all tools and materials are removed, all guards are fitted and the doors are closed.',
          'Inform the affected persons that the machine will be put back into service.',
          'Remove your padlock and tag. Open the outlet isolation valve, then switch on Q1.',
        ),
      ],
    },
    {
      id: 'ppe',
      title: 'Personal protective equipment',
      blocks: [
        table(
          'Required personal protective equipment',
          [
            { header: 'Task', width: 45 },
            { header: 'Required PPE', width: 55 },
          ],
          [
            ['Daily checks on the running machine', 'Hearing protection when doors are open, safety shoes'],
            ['Oil change, oil filter and separator replacement', 'Heat-resistant gloves, nitrile gloves, safety glasses, safety shoes'],
            ['Cleaning the cooler with compressed air', 'Safety glasses, dust mask FFP2, hearing protection'],
            ['Work in the electrical cabinet', 'Insulating gloves rated 1000 V, face shield, arc-rated clothing as required by site rules'],
            ['Safety valve lift test', 'Hearing protection, safety glasses'],
          ],
        ),
      ],
    },
    {
      id: 'safety-devices',
      title: 'Safety devices',
      blocks: [
        p(
          'Never bridge, remove or adjust a safety device. Test the devices at the intervals given in the maintenance schedule (chapter {{schedule}}).',
        ),
        table(
          'Safety devices of the AC-400',
          [
            { header: 'Device', width: 28, bold: true },
            { header: 'Function', width: 50 },
            { header: 'Fault code', width: 22 },
          ],
          [
            [
              'Emergency stop S1',
              'Red mushroom button on the controller panel. De-energises all contactors directly, without the controller.',
              'E02',
            ],
            ['Safety valve', 'On the separator tank, set to 11.0 bar(g) and sealed at the factory.', '-'],
            ['Door interlock S2', 'Stops the machine when the front service door is opened while running.', 'E10'],
            ['Overload relay F1', 'Protects the main motor against overcurrent.', 'E01'],
            ['Motor thermistor', 'PTC sensors in the motor winding protect against overheating.', 'E04'],
            ['Phase monitoring relay K4', 'Prevents start with a missing phase or wrong phase sequence.', 'E11, E12'],
            ['Discharge temperature shutdown', 'Sensor B2 stops the machine above 110 °C.', 'E07'],
            ['Blow-down valve', 'Vents the separator tank after stop and on power failure (normally open).', 'E18'],
          ],
        ),
        h('Safety labels'),
        p('Replace damaged or unreadable labels at once. The labels are available as spare parts.'),
        table(
          'Safety labels',
          [
            { header: 'Part number', width: 20, bold: true },
            { header: 'Label', width: 40 },
            { header: 'Location', width: 40 },
          ],
          [
            ['AT-400-8001', 'Hazardous voltage (lightning symbol)', 'Electrical cabinet door'],
            ['AT-400-8002', 'Hot surface', 'Separator tank, discharge pipe, oil filter bracket'],
            ['AT-400-8003', 'Automatic start - isolate before servicing', 'Front service door, next to the controller'],
            ['AT-400-8004', 'Pressurised vessel - do not open under pressure', 'Separator tank cover'],
            ['AT-400-8005', 'Rotating parts', 'Belt guard and fan guard'],
            ['AT-400-8006', 'Read the manual / wear hearing protection', 'Front service door'],
          ],
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 3 Technical specifications
// ---------------------------------------------------------------------------------------------

const twoCol: TableColumn[] = [
  { header: 'Parameter', width: 45 },
  { header: 'Value', width: 55 },
];

const specifications: Chapter = {
  id: 'specifications',
  kind: 'chapter',
  number: '3',
  title: 'Technical specifications',
  sections: [
    {
      id: 'spec-performance',
      title: 'Performance data',
      blocks: [
        table('Compressor performance', twoCol, [
          ['Compressor type', 'Single-stage, oil-injected rotary screw, V-belt drive'],
          ['Maximum working pressure', '10 bar(g) (145 psi)'],
          ['Minimum working pressure', '5.0 bar(g)'],
          ['Factory pressure settings', 'Load at 8.0 bar, unload at 9.5 bar'],
          ['Safety valve set pressure', '11.0 bar(g)'],
          ['Free air delivery at 7 bar', '2.45 m³/min'],
          ['Free air delivery at 8 bar', '2.30 m³/min'],
          ['Free air delivery at 10 bar', '1.95 m³/min'],
          ['Airend speed (loaded)', '2,940 rpm'],
          ['Normal operating temperature (discharge)', '75 to 95 °C'],
          ['Compressed air outlet temperature', 'Ambient + 10 °C maximum'],
          ['Residual oil content', 'Less than 3 mg/m³'],
          ['Sound pressure level (ISO 2151, 1 m)', '69 dB(A) ± 3 dB(A)'],
        ]),
      ],
    },
    {
      id: 'spec-electrical',
      title: 'Electrical data',
      blocks: [
        table('Electrical data', twoCol, [
          ['Main motor power', '15 kW (20 hp), IE3, 4-pole, IP55, insulation class F'],
          ['Supply', '400 V ± 10 %, 3-phase, 50 Hz, with PE (no neutral required)'],
          ['Main motor rated current', '27.5 A'],
          ['Main motor speed', '1,470 rpm'],
          ['Cooling fan motor M2', '0.37 kW, 400 V, rated current 0.95 A'],
          ['Maximum machine current', '29.0 A'],
          ['Starting method', 'Star-delta, changeover after 6 s (parameter P03)'],
          ['Maximum number of motor starts', '10 per hour'],
          ['Recommended supply fuses', '50 A, class gG (time delay)'],
          ['Control voltage', '24 V AC from control transformer T1'],
          ['Controller', 'AeroLogic 2 with 4-line display and Modbus RTU (RS-485)'],
          ['Protection class of electrical cabinet', 'IP54'],
        ]),
      ],
    },
    {
      id: 'spec-physical',
      title: 'Dimensions, weight and connections',
      blocks: [
        table('Dimensions, weight and connections', twoCol, [
          ['Dimensions AC-400 (L × W × H)', '1,240 × 780 × 1,080 mm'],
          ['Dimensions AC-400R (L × W × H)', '1,650 × 780 × 1,620 mm'],
          ['Weight AC-400 / AC-400R', '385 kg / 470 kg'],
          ['Air receiver (AC-400R only)', '270 L, maximum 11 bar(g), manual drain valve'],
          ['Compressed air outlet', 'G 1" female thread'],
          ['Condensate drain outlet', 'Hose nozzle for 10 mm inner diameter hose'],
          ['Cooling air flow', '2,800 m³/h'],
          ['Heat rejection to the room', '14.2 kW'],
        ]),
      ],
    },
    {
      id: 'spec-environment',
      title: 'Operating limits',
      blocks: [
        table('Operating limits', twoCol, [
          ['Ambient temperature in operation', '+5 to +45 °C'],
          ['Storage temperature', '-20 to +50 °C (drained condensate)'],
          ['Maximum altitude', '1,000 m above sea level without derating'],
          ['Maximum relative humidity', '90 %, non-condensing'],
          ['Minimum load cycle', 'At least 40 % loaded time recommended, to avoid condensate in the oil'],
        ]),
        callout(
          'NOTICE',
          'Operation at low load',
          'If the compressor runs mostly unloaded or at very short load periods, the oil does not reach a temperature at which absorbed water evaporates. The oil turns milky and loses its lubricating properties. Choose a smaller compressor or a larger receiver in that case.',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 4 Installation and commissioning
// ---------------------------------------------------------------------------------------------

const installation: Chapter = {
  id: 'installation',
  kind: 'chapter',
  number: '4',
  title: 'Installation and commissioning',
  sections: [
    {
      id: 'transport',
      title: 'Transport and lifting',
      blocks: [
        p(
          'Lift the compressor only with a forklift or pallet truck from the front or rear, using the fork pockets in the base frame. The forks must be at least 1,000 mm long. The centre of gravity is towards the motor side (left). Never lift the machine by the motor eye bolt: it is designed for the motor alone.',
        ),
        p(
          'Two red transport brackets lock the motor and airend base to the frame during transport. Remove them before commissioning and keep them for later transport; running with the brackets fitted causes heavy vibration and damages the anti-vibration mounts.',
        ),
      ],
    },
    {
      id: 'location',
      title: 'Location and ventilation',
      blocks: [
        p(
          'Install the compressor indoors on a level, non-combustible floor that can carry its weight. Levelness within 5 mm over the length of the frame is sufficient: the anti-vibration mounts isolate the drive.',
        ),
        table(
          'Minimum clearances around the canopy',
          [
            { header: 'Side', width: 30 },
            { header: 'Clearance', width: 20, align: 'right' },
            { header: 'Reason', width: 50 },
          ],
          [
            ['Front (controller side)', '1,000 mm', 'Service access, opening of the service door'],
            ['Left (motor side)', '600 mm', 'Cooling air inlet, belt access'],
            ['Right', '600 mm', 'Oil filter and separator access'],
            ['Rear', '500 mm', 'Cooling air inlet, electrical connection'],
            ['Above', '1,000 mm', 'Hot air outlet (or connect a duct)'],
          ],
        ),
        p(
          'The cooling fan draws 2,800 m³/h through the side and rear grilles and blows the warm air out at the top. The room temperature must not rise more than 10 K above the outside temperature. Provide an exhaust opening or a duct for the warm air and an inlet opening of at least 0.25 m² near the floor.',
        ),
        callout(
          'NOTICE',
          'Hot air recirculation',
          'If warm exhaust air is drawn back into the cooling air inlet, the compressor overheats (W01, E07). An exhaust duct may be at most 3 m long with one bend. Longer ducts need an auxiliary fan of at least 2,800 m³/h.',
        ),
      ],
    },
    {
      id: 'air-connection',
      title: 'Compressed air connection',
      blocks: [
        ul(
          'Connect the outlet (G 1") with the flexible hose AT-400-3071 (1 m) so that pipe forces and vibration are not transmitted to the machine.',
          'Fit an isolation valve between compressor and network. It must be lockable for the lockout procedure.',
          'AC-400 on base frame: connect an air receiver of at least 250 L. Without a receiver the compressor starts too often.',
          'Install main pipes with a slope of 1 to 2 % in the direction of flow and take branch lines from the top of the main pipe.',
          'Route the condensate drain hose to an oil/water separator. Condensate contains oil and must not enter the sewer untreated.',
        ),
      ],
    },
    {
      id: 'electrical-connection',
      title: 'Electrical connection',
      blocks: [
        p(
          'The electrical connection must be made by a qualified electrician according to local regulations. Supply requirements, cable sizes and terminal assignments are given in chapter {{electrical}}.',
        ),
        ol(
          'Check that the supply voltage and frequency match the nameplate (400 V, 3-phase, 50 Hz).',
          'Route the supply cable through the gland in the rear panel and connect L1, L2, L3 to the incoming terminals of Q1 and the protective earth to the PE bar.',
          'Connect the remote start/stop and fault signals to terminal strip X2 if required.',
          'Tighten the Q1 terminals to 2.5 Nm and check that the cable gland is tight.',
        ),
      ],
    },
    {
      id: 'commissioning',
      title: 'Initial start-up',
      blocks: [
        p(
          'The compressor leaves the factory filled with oil and with the belts tensioned. Complete the following checks at initial start-up and after every relocation.',
        ),
        ol(
          'Remove the two red transport brackets (see {{transport}}).',
          'Check the oil level in the sight glass: with the machine stopped it must be between the MIN and MAX marks.',
          'Open the outlet isolation valve partly so that the compressor can build up pressure against the network.',
          'Switch on Q1. The POWER light comes on. If the display shows E12, the supply phase sequence is wrong: lock out and swap two phases at the incoming terminals of Q1.',
          'Check the direction of rotation: press Start (I) and Stop (O) after about 1 s. The airend pulley must turn in the direction of the arrow on the belt guard.',
          'Start the compressor and let it run loaded. Check for air and oil leaks.',
          'After 30 minutes check the discharge temperature (75 to 95 °C) and the load and unload pressures on the display.',
          'Set the site parameters (pressures, auto-restart, remote control) as described in section {{parameters}}, and enter the commissioning date in the service record.',
        ),
        callout(
          'NOTICE',
          'Reverse rotation',
          'Reverse rotation for more than a few seconds destroys the airend. The phase monitoring relay K4 prevents starting with a wrong phase sequence, but only if the motor is connected as delivered. Never change the wiring between Q1 and the motor.',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 5 Controller and operation
// ---------------------------------------------------------------------------------------------

const controller: Chapter = {
  id: 'controller',
  kind: 'chapter',
  number: '5',
  title: 'Controller and operation',
  sections: [
    {
      id: 'controller-overview',
      title: 'AeroLogic 2 controller',
      blocks: [
        p(
          'The AeroLogic 2 controller starts and stops the compressor, switches between loaded and unloaded running to keep the net pressure between the load and unload pressures, monitors all sensors and records faults and service intervals. It is mounted in the front service door.',
        ),
        figure('controller-panel', 'AeroLogic 2 control panel'),
        table(
          'Keys of the control panel',
          [
            { header: 'Key', width: 18, bold: true },
            { header: 'Function', width: 82 },
          ],
          [
            ['I (Start)', 'Starts the compressor (local mode). Ignored while a fault is active.'],
            ['O (Stop)', 'Normal stop: unloads, runs on unloaded for 30 s and stops.'],
            ['RESET', 'Acknowledges a fault after its cause has been removed. Also returns to the main screen.'],
            ['MENU', 'Opens the menu. Pressed again, goes back one level.'],
            ['UP / DOWN', 'Scroll through menus and change values.'],
            ['ENTER', 'Opens the selected menu item or confirms a value.'],
            ['EMERGENCY STOP', 'Red mushroom button. Stops immediately without run-on. Turn clockwise to release.'],
          ],
        ),
      ],
    },
    {
      id: 'indicator-lights',
      title: 'Indicator lights',
      blocks: [
        p('Six lights above the display show the state of the machine. A light can be off, steady or flashing (1 Hz).'),
        table(
          'Indicator lights',
          [
            { header: 'Light', width: 14, bold: true },
            { header: 'Colour', width: 12 },
            { header: 'State', width: 14 },
            { header: 'Meaning', width: 60 },
          ],
          [
            ['POWER', 'Green', 'Steady', 'Control voltage present, controller ready.'],
            ['RUN', 'Green', 'Steady', 'Motor running loaded (compressor delivering air).'],
            ['RUN', 'Green', 'Flashing', 'Motor running unloaded, or star-delta start in progress.'],
            [
              'AUTO',
              'Green',
              'Steady',
              'Automatic operation: the motor is stopped in standby and will start by itself when the net pressure falls to the load pressure.',
            ],
            ['AUTO', 'Green', 'Flashing', 'Auto-restart after power failure in progress (countdown on the display).'],
            ['WARNING', 'Amber', 'Flashing', 'New warning (W code) that has not been acknowledged. The compressor keeps running.'],
            ['WARNING', 'Amber', 'Steady', 'Acknowledged warning still present, for example service due.'],
            ['FAULT', 'Red', 'Flashing', 'Shutdown fault (E code). The compressor has stopped.'],
            ['FAULT', 'Red', 'Steady', 'Fault acknowledged with RESET, but its cause is still present.'],
            ['REMOTE', 'Amber', 'Steady', 'Remote control active (X2 terminals or Modbus). The local Start key is disabled.'],
          ],
        ),
        callout(
          'WARNING',
          'AUTO light on',
          'When the AUTO light is on, the motor is stopped but can start at any moment. Do not open the canopy; isolate the machine first.',
        ),
      ],
    },
    {
      id: 'display-menus',
      title: 'Display and menus',
      blocks: [
        p(
          'The main screen shows the net pressure in bar on line 1, the discharge temperature on line 2, the operating state on line 3 and the running hours on line 4. Operating states are READY, STARTING, LOADED, UNLOADED, STANDBY, STOPPING, FAULT and E-STOP.',
        ),
        table(
          'Menu structure',
          [
            { header: 'Menu', width: 22, bold: true },
            { header: 'Contents', width: 60 },
            { header: 'Access', width: 18 },
          ],
          [
            ['Status', 'Net pressure, tank pressure, separator pressure difference, discharge temperature, input states', 'Open'],
            ['Counters', 'Running hours, loaded hours, number of motor starts, starts in the last hour', 'Open'],
            ['Service', 'Remaining hours for each service interval, reset of service warnings', 'Code 0400'],
            ['Parameters', 'Operating parameters P01 to P12', 'Code 0400'],
            ['Fault history', 'Last 20 faults and warnings with code, running hours and date', 'Open'],
            ['Settings', 'Language, date and time, display contrast', 'Open'],
          ],
        ),
      ],
    },
    {
      id: 'parameters',
      title: 'Operating parameters',
      blocks: [
        p(
          'Parameters are protected by the service code 0400. The controller rejects settings outside the range shown and keeps the unload pressure at least 0.5 bar above the load pressure.',
        ),
        table(
          'Operating parameters',
          [
            { header: 'No.', width: 9, bold: true },
            { header: 'Parameter', width: 39 },
            { header: 'Factory setting', width: 22 },
            { header: 'Range', width: 30 },
          ],
          [
            ['P01', 'Unload pressure', '9.5 bar', '5.5 to 10.0 bar'],
            ['P02', 'Load pressure', '8.0 bar', '5.0 bar to P01 - 0.5 bar'],
            ['P03', 'Star-delta changeover time', '6 s', '3 to 12 s'],
            ['P04', 'Unloaded run time before standby', '300 s', '120 to 1,200 s'],
            ['P05', 'Auto-restart after power failure', 'OFF', 'OFF / ON'],
            ['P06', 'Condensate drain interval', '180 s', '30 to 900 s'],
            ['P07', 'Condensate drain open time', '2 s', '1 to 10 s'],
            ['P08', 'Control mode', 'Local', 'Local / Remote X2 / Modbus'],
            ['P09', 'Modbus address', '1', '1 to 247'],
            ['P10', 'Modbus communication timeout', '0 (off)', '0 to 60 s'],
            ['P11', 'Auto-restart delay', '10 s', '5 to 120 s'],
            ['P12', 'Low pressure warning level', '5.5 bar', '4.0 to 9.0 bar'],
          ],
        ),
      ],
    },
    {
      id: 'start-stop',
      title: 'Starting and stopping',
      blocks: [
        h('Start sequence'),
        ol(
          'Press Start (I). The controller checks the phase sequence, the supply voltage and the sensors. The display shows STARTING and the RUN light flashes.',
          'Contactors K1 and K2 close: the motor starts in star. After the changeover time P03 (6 s) K2 opens and, after a 50 ms interlock pause, K3 closes: the motor runs in delta.',
          '2 s after the changeover, inlet solenoid Y1 is energised and the inlet valve opens. The display shows LOADED and the RUN light is steady.',
        ),
        h('Stopping'),
        p(
          'Press Stop (O). The compressor unloads, runs unloaded for 30 s and stops. The blow-down valve vents the separator tank to 0 bar within about 60 s. Use the emergency stop only in an emergency: it stops the motor under load, which stresses the drive and causes oil carry-over.',
        ),
      ],
    },
    {
      id: 'automatic-operation',
      title: 'Automatic operation',
      blocks: [
        p(
          'When the net pressure reaches the unload pressure (P01, factory setting 9.5 bar), Y1 is de-energised and the inlet valve closes. The motor keeps running unloaded with the tank vented to about 2 bar. When the net pressure falls to the load pressure (P02, factory setting 8.0 bar), the compressor loads again.',
        ),
        p(
          'If the compressor runs unloaded for longer than P04 (300 s), the motor stops and the machine waits in STANDBY with the AUTO light on. It starts again automatically as soon as the net pressure falls to the load pressure.',
        ),
        p(
          'The main motor may start at most 10 times per hour. The controller extends the unloaded run time when necessary to keep at least 6 minutes between two starts; while this start rate limit is active, warning W09 is shown.',
        ),
        h('Auto-restart after power failure'),
        p(
          'With P05 = ON the compressor restarts by itself when the power returns, after the delay P11 (10 s). During the delay the AUTO light flashes and the display counts down. With P05 = OFF (factory setting) the compressor stays stopped and shows READY.',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 6 Fault and warning codes
// ---------------------------------------------------------------------------------------------

const codeColumns: TableColumn[] = [
  { header: 'Code', width: 8, bold: true },
  { header: 'Message', width: 22 },
  { header: 'Possible cause', width: 35 },
  { header: 'Remedy', width: 35 },
];

const codes: Chapter = {
  id: 'codes',
  kind: 'chapter',
  number: '6',
  title: 'Fault and warning codes',
  sections: [
    {
      id: 'codes-general',
      title: 'How faults are shown',
      blocks: [
        p('The controller distinguishes two kinds of messages:'),
        ul(
          '**Shutdown faults (E codes)** stop the compressor at once. The FAULT light flashes and the display shows the code and message. The compressor can only be restarted after the cause is removed and the fault is reset.',
          '**Warnings (W codes)** do not stop the compressor. The WARNING light flashes until the warning is acknowledged with RESET and stays on steadily while the cause is present.',
        ),
        p(
          'Every fault and warning is stored in the fault history (last 20 entries) with the running hours and date. Before resetting, note the code and the values on the Status screen: they help to find the cause.',
        ),
        h('Resetting a fault'),
        ol(
          'Find and remove the cause using the tables below and chapter {{troubleshooting}}.',
          'For E01 and E05 also reset the tripped device (F1 or Q2) in the electrical cabinet.',
          'Press RESET. The FAULT light goes out. If it stays on steadily, the cause is still present.',
          'Restart the compressor with Start (I).',
        ),
        callout(
          'WARNING',
          'Repeated resetting',
          'Do not reset and restart more than twice for the same fault without finding the cause. Repeated starts with a fault present can damage the motor or the airend and can create hazardous situations.',
        ),
      ],
    },
    {
      id: 'shutdown-codes',
      title: 'Shutdown fault codes',
      blocks: [
        table('Shutdown fault codes E01 to E23', codeColumns, [
          [
            'E01',
            'Motor overload',
            'Overload relay F1 tripped. Supply voltage low, belts over-tensioned, pressure set too high, airend or motor bearing damage.',
            'Check supply voltage under load (at least 360 V). Check belt tension (see {{belts}}). Check that the airend turns freely by hand. Reset F1 (blue button), then press RESET. If E01 returns, measure the motor current in all phases (rated 27.5 A).',
          ],
          [
            'E02',
            'Emergency stop',
            'Emergency stop S1 pressed, or the external emergency stop loop at X2:3-4 is open.',
            'Remove the cause of the emergency. Turn S1 clockwise to release it, then press RESET. Without external emergency stop the link X2:3-4 must be fitted.',
          ],
          [
            'E03',
            'Star-delta changeover fault',
            'Contactor K2 or K3 does not confirm its position within 0.5 s: coil failure, feedback contact or wiring fault, jammed mechanical interlock.',
            'Check the coils of K2 and K3 (24 V AC), their auxiliary contacts and wiring. Replace a defective contactor.',
          ],
          [
            'E04',
            'Motor temperature high',
            'Motor thermistor above 3.6 kohm. Motor fan cowl blocked, ambient too hot, too many starts, running on two phases.',
            'Let the motor cool for at least 30 min (the fault resets below 1.8 kohm). Clean the fan cowl, check ambient temperature and the starts per hour in the Counters menu.',
          ],
          [
            'E05',
            'Fan motor overload',
            'Motor protection switch Q2 tripped (setting 1.1 A). Fan blocked, fan motor bearing failure, phase missing at the fan motor.',
            'Check that the fan turns freely and remove obstructions. Switch Q2 back on and press RESET. Measure the fan motor current (rated 0.95 A).',
          ],
          [
            'E06',
            'Temperature sensor fault',
            'Discharge temperature sensor B2 (PT1000) open or short-circuited: resistance outside 800 to 2,000 ohm.',
            'Check connector and cable of B2. Measure the sensor: about 1,097 ohm at 25 °C. Replace B2 (AT-400-1121).',
          ],
          [
            'E07',
            'Discharge temperature high (>110 °C)',
            'Air/oil temperature at the airend outlet above 110 °C. Low oil level, clogged cooler, ambient above 45 °C or hot air recirculation, thermostatic valve stuck, clogged oil filter, cooling fan not running.',
            'Let the machine cool down. Check the oil level, clean the cooler (see {{cooler-cleaning}}), check room ventilation, check the thermostatic valve and oil filter. See section {{overheating}}.',
          ],
          [
            'E08',
            'Ambient temperature too low',
            'Discharge temperature sensor B2 reads below +1 °C before start. Start is blocked to protect the airend.',
            'Heat the compressor room to at least +5 °C. The start is allowed again when B2 reads above +3 °C.',
          ],
          [
            'E09',
            'No pressure build-up',
            'Net pressure does not exceed 2.0 bar within 60 s after loading. Belts broken or slipping, inlet valve does not open, large leak or open pipe downstream.',
            'Check the belts, the inlet solenoid Y1 (24 V AC at the coil when loaded) and the inlet valve. Check the network for open valves or broken pipes.',
          ],
          [
            'E10',
            'Service door open',
            'Door interlock S2 opened while the compressor was running or in standby.',
            'Close and latch the front service door, then press RESET.',
          ],
          [
            'E11',
            'Phase failure',
            'One supply phase missing: blown upstream fuse, loose terminal, defective contact in Q1.',
            'Measure L1-L2, L2-L3 and L3-L1 at Q1 (400 V ± 10 % each). Replace fuses, retighten terminals.',
          ],
          [
            'E12',
            'Phase sequence fault',
            'Supply phases connected in the wrong order. Relay K4 blocks the start to prevent reverse rotation of the airend.',
            'Lock out the supply and swap two incoming phases at the terminals of Q1. Never swap phases at the motor or the contactors.',
          ],
          [
            'E13',
            'Supply voltage out of range',
            'Supply voltage below 360 V or above 440 V for more than 5 s.',
            'Measure the supply voltage. Check the cable cross-section (see {{supply}}). Contact the site electrician or the power company.',
          ],
          [
            'E14',
            'Control voltage low',
            'Control voltage below 19 V AC: fuse F3 or F2 blown, transformer T1 overloaded, short circuit in the control wiring.',
            'Check fuses F2 (2 A) and F3 (6.3 A) and the T1 output. Find and repair a short circuit before replacing a fuse.',
          ],
          [
            'E15',
            'Oil pressure low',
            'Oil injection pressure switch S3 open (below 1.5 bar) for more than 5 s while loaded. Low oil level, clogged oil filter, minimum pressure valve not holding pressure, faulty switch.',
            'Check the oil level and top up. Replace the oil filter. Check the minimum pressure valve (opens at 4.5 bar). Check S3 and its wiring. Do not restart repeatedly: risk of airend damage.',
          ],
          [
            'E16',
            'Separator element blocked',
            'Pressure difference between tank pressure B3 and net pressure B1 above 1.2 bar while loaded.',
            'Replace the oil separator element (see {{separator}}). Check the oil condition: degraded oil clogs the separator early.',
          ],
          [
            'E17',
            'Overpressure',
            'Net pressure above 10.5 bar or tank pressure above 10.8 bar. Inlet valve does not close, Y1 stuck, transducer B1 reading too low.',
            'Check the inlet valve and Y1. Compare the B1 reading with a test gauge (tolerance ± 0.1 bar). Replace B1 if it drifts.',
          ],
          [
            'E18',
            'Blow-down fault',
            'Tank pressure still above 1.0 bar 120 s after stopping. Blow-down valve or its silencer blocked.',
            'The system is still under pressure: do not open any part. Clean or replace the blow-down silencer, check the blow-down valve (AT-400-3061).',
          ],
          [
            'E19',
            'Controller internal fault',
            'Memory checksum error or internal supply fault in the controller.',
            'Switch Q1 off for 10 s and on again. If E19 returns, load the factory settings (Parameters menu), re-enter the site parameters and, if necessary, replace the controller (AT-400-1201).',
          ],
          [
            'E20',
            'Remote communication lost',
            'No Modbus message received for longer than P10 while control mode P08 = Modbus.',
            'Check the RS-485 cable at X2:9-10, the 120 ohm terminating resistor, the address P09 and the master system.',
          ],
          [
            'E21',
            'Pressure sensor fault',
            'Net pressure transducer B1 signal outside 3.5 to 20.5 mA: cable break, short circuit, defective transducer.',
            'Check the connector and cable of B1. Measure the loop current: 4 mA = 0 bar, 20 mA = 16 bar. Replace B1 (AT-400-1111).',
          ],
          [
            'E22',
            'Tank pressure sensor fault',
            'Tank pressure transducer B3 signal outside 3.5 to 20.5 mA.',
            'As E21, for B3. Replace B3 (AT-400-1112).',
          ],
          [
            'E23',
            'Main contactor fault',
            'Feedback contact shows K1 closed although its coil is de-energised: welded main contacts.',
            'Isolate the supply at the upstream disconnect immediately and replace K1 (AT-400-1211). Check the motor and supply for the cause of the overcurrent.',
          ],
        ]),
      ],
    },
    {
      id: 'warning-codes',
      title: 'Warning codes',
      blocks: [
        table('Warning codes W01 to W10', codeColumns, [
          [
            'W01',
            'Discharge temperature high (>105 °C)',
            'Early warning before shutdown E07. Same causes as E07.',
            'Check oil level, cooler and ventilation at the next opportunity, before the compressor shuts down on E07.',
          ],
          [
            'W02',
            'Separator pressure difference high',
            'Pressure difference between B3 and B1 above 0.8 bar while loaded: separator element clogging.',
            'Replace the oil separator element within the next 100 running hours (see {{separator}}).',
          ],
          [
            'W03',
            'Air filter service due',
            'Air filter counter has reached 2,000 h, or vacuum switch S5 behind the filter signals more than 50 mbar.',
            'Replace the air filter element AT-400-1021 (see {{air-filter}}) and reset the counter in the Service menu.',
          ],
          [
            'W04',
            'Oil filter service due',
            'Oil filter counter has reached 2,000 h (first change at 500 h).',
            'Replace the oil filter AT-400-1031 (see {{oil-filter}}) and reset the counter.',
          ],
          [
            'W05',
            'Oil change due',
            'Oil counter has reached 4,000 h, or 12 months have passed since the last oil change.',
            'Change the oil (see {{oil-change}}) and reset the counter.',
          ],
          [
            'W06',
            'Separator service due',
            'Separator counter has reached 4,000 h.',
            'Replace the oil separator element (see {{separator}}) and reset the counter.',
          ],
          [
            'W07',
            'Inspection due',
            '500 h inspection interval reached.',
            'Carry out the 500 h tasks of the maintenance schedule, then reset the counter.',
          ],
          [
            'W08',
            'Clock battery low',
            'The CR2032 battery in the controller is nearly empty. Parameters are kept, date and time will be lost.',
            'Replace the battery within one month (controller rear side, with control voltage on).',
          ],
          [
            'W09',
            'Start rate limit active',
            'The compressor would exceed 10 motor starts per hour. The unloaded run is extended.',
            'No action needed if occasional. If frequent: increase the receiver volume or the difference between P01 and P02.',
          ],
          [
            'W10',
            'Low net pressure',
            'Net pressure below P12 (5.5 bar) for more than 60 s while loaded. Air demand above capacity or a large leak.',
            'Check the air consumption and the network for leaks. See section {{low-pressure}}.',
          ],
        ]),
      ],
    },
    {
      id: 'service-reset',
      title: 'Resetting service warnings',
      blocks: [
        ol(
          'Press MENU, select Service and enter the service code 0400.',
          'Select the counter of the completed task (Air filter, Oil filter, Oil, Separator, Inspection).',
          'Hold ENTER for 3 s. The counter returns to its full interval and the warning disappears.',
          'Enter the work in the service record (appendix {{service-record}}).',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 7 Troubleshooting
// ---------------------------------------------------------------------------------------------

const troubleshooting: Chapter = {
  id: 'troubleshooting',
  kind: 'chapter',
  number: '7',
  title: 'Troubleshooting by symptom',
  intro: [
    p(
      'This chapter helps when the compressor misbehaves without showing a fault code, or when a code keeps coming back. Work through the causes in the order given: the most likely causes come first. Always observe the lockout procedure (see {{loto}}) before opening the canopy.',
    ),
  ],
  sections: [
    {
      id: 'wont-start',
      title: 'Compressor does not start',
      blocks: [
        table('Compressor does not start', causeCheckRemedy, [
          [
            'No control voltage',
            'POWER light off, display dark.',
            'Switch on Q1. Check the upstream fuses and fuses F2 and F3 in the cabinet.',
          ],
          [
            'A fault is active',
            'FAULT light flashing or steady, E code on display.',
            'Remove the cause as described in chapter {{codes}}, then press RESET.',
          ],
          [
            'Compressor in standby',
            'Display shows STANDBY, AUTO light on, net pressure above the load pressure (8.0 bar).',
            'Normal: the compressor starts when the pressure falls to the load pressure.',
          ],
          [
            'Remote control active',
            'REMOTE light on; the Start key has no effect.',
            'Start via the remote contact X2:1-2 or Modbus, or set P08 to Local.',
          ],
          [
            'Start delay running',
            'AUTO light flashing with countdown, or W09 shown.',
            'Wait: the compressor starts at the end of the delay.',
          ],
          ['Emergency stop pressed', 'E02 displayed.', 'Release S1 (turn clockwise) and press RESET.'],
          [
            'Motor hums but does not turn',
            'Noise from the motor, RUN light flashing, no rotation.',
            'Stop at once with the emergency stop. Check for a missing phase (E11) and check that the airend turns by hand.',
          ],
        ]),
        callout(
          'WARNING',
          'Unexpected start',
          'A compressor that "does not start" may be waiting in standby and start at any moment while you look for the cause. Isolate with Q1 before opening the canopy.',
        ),
      ],
    },
    {
      id: 'low-pressure',
      title: 'Low pressure or insufficient air delivery',
      blocks: [
        p(
          'First find out whether the compressor is delivering its rated flow. If the compressor runs loaded all the time and the pressure still falls, the air demand is higher than the free air delivery (2.30 m³/min at 8 bar), or there is a large leak.',
        ),
        table('Low pressure or insufficient air delivery', causeCheckRemedy, [
          [
            'Air demand exceeds capacity',
            'Compressor loaded 100 % of the time, W10 displayed.',
            'Reduce consumption, repair leaks, or add compressor capacity.',
          ],
          [
            'Leaks in the network',
            'Measure the leakage with all consumers off (see below).',
            'Repair leaks if the leakage exceeds 10 % of the free air delivery.',
          ],
          [
            'Pressure settings wrong',
            'Check P01 and P02 in the Parameters menu.',
            'Set the load pressure at least 0.5 bar above the pressure the consumers need.',
          ],
          ['Air filter clogged', 'W03 displayed, vacuum switch S5 signals.', 'Replace the air filter element (see {{air-filter}}).'],
          [
            'Inlet valve not opening fully',
            'Net pressure rises slowly, no clicking of Y1 at loading.',
            'Check Y1 coil voltage (24 V AC) and the inlet valve. Fit the inlet valve service kit AT-400-1091.',
          ],
          ['Belts slipping', 'Belt squeal when loading, glazed belt flanks.', 'Tension or replace the belts (see {{belts}}).'],
          [
            'Blow-down valve leaking',
            'Air escapes from the blow-down silencer while loaded.',
            'Replace the blow-down valve (AT-400-3061).',
          ],
          [
            'Separator element clogged',
            'W02 or E16, high pressure difference on the Status screen.',
            'Replace the separator element (see {{separator}}).',
          ],
        ]),
        h('Measuring the leakage'),
        ol(
          'Close all consumers at the end of a shift and let the compressor run in automatic operation.',
          'Measure the loaded time t1 and the unloaded time t2 over at least five load/unload cycles.',
          'Leakage in % of the free air delivery = t1 / (t1 + t2) × 100. A well-maintained network has less than 10 %.',
        ),
      ],
    },
    {
      id: 'oil-consumption',
      title: 'High oil consumption or oil in the compressed air',
      blocks: [
        p(
          'A correctly working AC-400 needs less than 0.1 L of top-up oil per 100 running hours, and the residual oil content of the compressed air is below 3 mg/m³. Higher consumption always has a cause.',
        ),
        table('High oil consumption or oil carry-over', causeCheckRemedy, [
          [
            'Oil level too high',
            'Level above MAX in the sight glass with the machine stopped.',
            'Drain oil down to the middle of the sight glass.',
          ],
          [
            'Scavenge line blocked',
            'No oil flow visible in the scavenge line sight glass while loaded.',
            'Clean the scavenge strainer and the 1.2 mm orifice (AT-400-1141).',
          ],
          [
            'Separator element damaged or wrongly fitted',
            'Oil carry-over starts suddenly, often after a separator change.',
            'Replace the element. Check the gaskets and that the scavenge tube ends 3 to 5 mm above the bottom of the element.',
          ],
          [
            'Running at low pressure',
            'Net pressure often below 5 bar, e.g. after a burst hose.',
            'Repair the network. The minimum pressure valve (4.5 bar) must close; replace its kit AT-400-1071 if it leaks.',
          ],
          ['Oil foaming', 'Foam in the sight glass. Wrong or mixed oil.', 'Drain the oil and refill with AeroLube S-46 only.'],
          [
            'External leaks',
            'Oil drips under the machine or at the belt guard (airend shaft seal).',
            'Retighten fittings, replace hoses. A leaking shaft seal requires an airend overhaul.',
          ],
          ['Frequent emergency stops', 'Oil mist from the blow-down silencer.', 'Stop with the Stop key (O), not with the emergency stop.'],
        ]),
      ],
    },
    {
      id: 'noise-vibration',
      title: 'Excessive noise or vibration',
      blocks: [
        table('Excessive noise or vibration', causeCheckRemedy, [
          [
            'Transport brackets not removed',
            'Red brackets still fitted at the motor and airend base.',
            'Remove both brackets (see {{transport}}).',
          ],
          ['Belts loose or worn', 'Squeal at start or loading, belts flapping.', 'Tension or replace the belt set (see {{belts}}).'],
          [
            'Pulleys misaligned',
            'Belts run at an angle, one-sided wear of the belt flanks.',
            'Align the pulleys to within 0.5 mm with a straight edge.',
          ],
          [
            'Anti-vibration mounts worn',
            'Cracked or collapsed rubber mounts under the drive base.',
            'Replace all four mounts (set AT-400-3051).',
          ],
          [
            'Fan damaged or dirty',
            'Vibration that increases with fan speed, debris on the blades.',
            'Clean the fan. Replace a damaged fan, never straighten blades.',
          ],
          [
            'Bearing damage in motor or airend',
            'Rumbling or grinding noise, high vibration at the bearing.',
            'Measure the vibration (see below). Replace motor bearings or send the airend for overhaul.',
          ],
          [
            'Loose panels or pipes',
            'Rattling that changes when you press on a panel.',
            'Retighten panel screws and pipe clamps. Connect the outlet with the flexible hose.',
          ],
        ]),
        p(
          'Measure the vibration velocity on the motor bearing housing at the drive end. Below 4.5 mm/s (rms) the machine is in good condition. Between 4.5 and 7.1 mm/s find and correct the cause at the next service. Above 7.1 mm/s stop the compressor and repair it before further use.',
        ),
      ],
    },
    {
      id: 'overheating',
      title: 'Overheating (W01, E07)',
      blocks: [
        p(
          'The normal discharge temperature is 75 to 95 °C. Warning W01 is shown above 105 °C and the compressor shuts down with E07 above 110 °C. Measure the cooling air temperature at the inlet grilles first: most overheating problems are caused by the installation, not by the machine.',
        ),
        table('Overheating', causeCheckRemedy, [
          [
            'Ambient too hot or hot air recirculation',
            'Cooling air at the inlet grilles above 45 °C, or more than 10 K above outside temperature.',
            'Improve the room ventilation, fit an exhaust duct (see {{location}}).',
          ],
          [
            'Cooler fins clogged',
            'Dust or oil film on the cooler, visible with a torch from the fan side.',
            'Clean the cooler (see {{cooler-cleaning}}).',
          ],
          ['Oil level low', 'Level below MIN in the sight glass.', 'Top up with AeroLube S-46 and find the cause of the oil loss.'],
          [
            'Thermostatic valve stuck',
            'Oil cooler stays cold at the inlet while the discharge temperature is above 90 °C.',
            'Replace the thermostatic valve element (AT-400-1061, opens at 71 °C).',
          ],
          ['Oil filter clogged', 'Filter overdue, E15 occurs as well.', 'Replace the oil filter (see {{oil-filter}}).'],
          [
            'Cooling fan not running or reversed',
            'No air flow at the top outlet. After replacing the fan motor, check its direction.',
            'Check Q2 and the fan motor. Swap two wires at the fan motor terminals if it runs backwards.',
          ],
          [
            'Temperature sensor reading wrong',
            'Compare B2 with a contact thermometer at the discharge pipe.',
            'Replace B2 if the difference exceeds 5 °C.',
          ],
        ]),
      ],
    },
    {
      id: 'safety-valve-blowing',
      title: 'Safety valve blowing',
      blocks: [
        p(
          'The safety valve on the separator tank opens at 11.0 bar. It must never blow during normal operation, because the controller unloads at 9.5 bar (maximum setting 10.0 bar) and shuts down at 10.8 bar tank pressure. If the safety valve blows, something in the control or in the separator is wrong.',
        ),
        callout(
          'DANGER',
          'Never block or adjust the safety valve',
          'A blocked or adjusted safety valve can lead to the bursting of the separator tank. Replace a defective valve only with the genuine valve AT-400-1081, set to 11.0 bar and sealed.',
        ),
        table('Safety valve blowing', causeCheckRemedy, [
          [
            'Separator element blocked',
            'High pressure difference between B3 and B1, W02 or E16 in the fault history.',
            'Replace the separator element (see {{separator}}).',
          ],
          [
            'Inlet valve does not close when unloading',
            'Net pressure keeps rising above P01, E17 in the fault history.',
            'Check Y1 (must be without voltage when unloaded) and the inlet valve. Fit the service kit AT-400-1091.',
          ],
          [
            'Pressure transducer B1 reading too low',
            'Compare the displayed net pressure with a test gauge.',
            'Replace B1 (AT-400-1111) if the difference exceeds 0.1 bar.',
          ],
          [
            'Minimum pressure valve stuck closed',
            'High tank pressure but low net pressure.',
            'Fit the minimum pressure valve kit AT-400-1071.',
          ],
          [
            'Safety valve defective',
            'Valve blows or leaks below 10 bar, or does not reseat after the lift test.',
            'Replace the safety valve (AT-400-1081). Never repair it.',
          ],
        ]),
      ],
    },
    {
      id: 'water-in-lines',
      title: 'Water in the air lines',
      blocks: [
        p(
          'Compressed air leaving the aftercooler is saturated with water vapour. The aftercooler and water separator remove most of the liquid water, but the air is not dry: as it cools down in the network, more water condenses. At 30 °C and 70 % relative humidity the AC-400 produces up to 17 L of condensate per 8-hour shift.',
        ),
        table('Water in the air lines', causeCheckRemedy, [
          [
            'Automatic drain not working',
            'No discharge when pressing the TEST button of drain valve Y2.',
            'Clean the drain strainer, check Y2 (see {{condensate-drain}}).',
          ],
          [
            'Drain settings too short',
            'Water separator fills up between drain cycles in humid weather.',
            'Increase P07 (open time) to 3 or 4 s, or reduce P06 (interval).',
          ],
          [
            'No air dryer installed',
            'Water in the network although the drain works.',
            'Install a refrigeration dryer (pressure dew point +3 °C) after the receiver.',
          ],
          ['Dryer bypassed or defective', 'Bypass valve open, dryer alarm.', 'Close the bypass, repair the dryer.'],
          [
            'Receiver not drained (AC-400R)',
            'Water comes out when opening the receiver drain valve.',
            'Drain the receiver daily or fit an automatic drain.',
          ],
          [
            'Network without drains',
            'Water collects at low points of the pipework.',
            'Slope the pipes 1 to 2 %, take branches from the top, fit drains at low points.',
          ],
        ]),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 8 Maintenance schedule
// ---------------------------------------------------------------------------------------------

const schedule: Chapter = {
  id: 'schedule',
  kind: 'chapter',
  number: '8',
  title: 'Maintenance schedule',
  sections: [
    {
      id: 'schedule-general',
      title: 'Service intervals',
      blocks: [
        p(
          'The intervals are given in running hours as shown in the Counters menu. The controller counts them down and shows a service warning (W03 to W07) when an interval has elapsed. Tasks of a longer interval include all tasks of the shorter intervals.',
        ),
        ul(
          'Change the oil at least once every 12 months, even if 4,000 h have not been reached.',
          'In dusty environments, or at ambient temperatures above 35 °C, halve the intervals for the air filter, oil filter and cooler cleaning.',
          'New belts stretch during running-in: re-tension them after the first 50 running hours.',
        ),
      ],
    },
    {
      id: 'schedule-table',
      title: 'Maintenance schedule',
      blocks: [
        table(
          'Maintenance schedule (C = check, R = replace, CL = clean, T = test)',
          [
            { header: 'Task', width: 44 },
            { header: 'Daily', width: 11, align: 'center' },
            { header: '500 h', width: 11, align: 'center' },
            { header: '2000 h', width: 11, align: 'center' },
            { header: '4000 h', width: 11, align: 'center' },
            { header: 'See', width: 12, align: 'center' },
          ],
          [
            ['Oil level in the sight glass', 'C', '', '', '', '{{oil-level}}'],
            ['Display: warnings and fault history', 'C', '', '', '', '{{codes}}'],
            ['Condensate drain function (TEST button)', 'C', '', '', '', '{{condensate-drain}}'],
            ['Drain the receiver (AC-400R)', 'C', '', '', '', '{{condensate-drain}}'],
            ['Abnormal noise, air and oil leaks', 'C', '', '', '', '{{noise-vibration}}'],
            ['V-belt tension and condition', '', 'C', 'C', 'R', '{{belts}}'],
            ['Oil filter', '', 'R (first)', 'R', 'R', '{{oil-filter}}'],
            ['Air filter element', '', 'C', 'R', 'R', '{{air-filter}}'],
            ['Cooler fins', '', 'C', 'CL', 'CL', '{{cooler-cleaning}}'],
            ['Condensate drain strainer', '', '', 'CL', 'CL', '{{condensate-drain}}'],
            ['Safety valve lift test', '', '', 'T', 'T', '{{safety-valve-test}}'],
            ['Electrical terminals tight', '', '', 'C', 'C', '{{electrical-maintenance}}'],
            ['Hoses and anti-vibration mounts', '', '', 'C', 'C', '{{noise-vibration}}'],
            ['Compressor oil', '', '', '', 'R', '{{oil-change}}'],
            ['Oil separator element', '', '', '', 'R', '{{separator}}'],
            ['Scavenge line strainer and orifice', '', '', '', 'CL', '{{separator}}'],
            ['Safety devices (emergency stop, door interlock)', '', '', '', 'T', '{{safety-devices}}'],
          ],
        ),
        p(
          'Every 8,000 h, in addition: fit the inlet valve kit AT-400-1091, the minimum pressure valve kit AT-400-1071 and the thermostatic valve element AT-400-1061. Replace the motor bearings after 20,000 h. The airend is overhauled after 24,000 h or when the bearing noise increases.',
        ),
      ],
    },
    {
      id: 'service-kits',
      title: 'Service kits',
      blocks: [
        p('Order the service kits well before the service is due. The kits contain all parts needed for the interval.'),
        table(
          'Service kits',
          [
            { header: 'Kit', width: 20, bold: true },
            { header: 'Interval', width: 15 },
            { header: 'Contents', width: 65 },
          ],
          [
            ['AT-400-9005', '500 h', 'Oil filter AT-400-1031'],
            ['AT-400-9020', '2,000 h', 'Air filter element AT-400-1021, oil filter AT-400-1031, drain strainer AT-400-1132'],
            [
              'AT-400-9040',
              '4,000 h',
              'Contents of AT-400-9020, separator element AT-400-1041, V-belt set AT-400-1051, two 5 L cans of AeroLube S-46',
            ],
            [
              'AT-400-9080',
              '8,000 h',
              'Contents of AT-400-9040, inlet valve kit AT-400-1091, minimum pressure valve kit AT-400-1071, thermostatic element AT-400-1061',
            ],
          ],
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 9 Maintenance procedures
// ---------------------------------------------------------------------------------------------

const procedures: Chapter = {
  id: 'procedures',
  kind: 'chapter',
  number: '9',
  title: 'Maintenance procedures',
  sections: [
    {
      id: 'before-maintenance',
      title: 'Before you start',
      blocks: [
        callout(
          'DANGER',
          'Isolate and depressurise first',
          'Carry out the lockout/tagout procedure (see {{loto}}) before every procedure in this chapter, unless the procedure explicitly says that the machine must be running. Confirm 0 bar on gauge PI-1.',
        ),
        h('Tools and materials'),
        ul(
          'Metric spanners and socket set 8 to 24 mm, torque wrench 5 to 200 Nm.',
          'Oil filter strap wrench, drain hose with G 1/2" connector, container of at least 12 L for used oil.',
          'Belt tension gauge (force and deflection) or sonic belt tension meter.',
          'Digital multimeter, two-pole voltage tester, test pressure gauge 0 to 16 bar (class 0.6).',
          'Lint-free cloths, oil binding agent, nitrile and heat-resistant gloves, safety glasses.',
        ),
      ],
    },
    {
      id: 'oil-level',
      title: 'Checking the oil level',
      blocks: [
        p(
          'Check the oil level daily, with the compressor stopped for at least 5 minutes so that the oil has settled and the foam has gone. The sight glass is on the front of the separator tank, behind the front service door.',
        ),
        ol(
          'Stop the compressor with the Stop key (O) and wait 5 minutes.',
          'Read the level in the sight glass. It must be between the MIN and MAX marks, ideally in the middle.',
          'If the level is at or below MIN, isolate and depressurise the machine, open the oil filler plug as described in section {{oil-change}} and top up with the same oil as in the machine. The volume between MIN and MAX is about 1.5 L.',
        ),
        callout(
          'NOTICE',
          'Milky oil',
          'Milky or cloudy oil contains water. Change the oil and check the load cycle of the compressor (see the operating limits in section {{spec-environment}}).',
        ),
      ],
    },
    {
      id: 'oil-change',
      title: 'Oil change',
      newPage: true,
      blocks: [
        p(
          'Change the oil every 4,000 h or at least every 12 months, and always together with the oil filter. The total oil capacity of the AC-400 is **9.5 L**. Use only **AeroLube S-46**, a synthetic compressor oil of viscosity grade ISO VG 46. A drain and refill normally takes about 8.5 L, because roughly 1 L stays in the airend and the cooler.',
        ),
        callout(
          'WARNING',
          'Hot oil under pressure',
          'Drain the oil warm (40 to 60 °C) but never hot, and only after confirming 0 bar on gauge PI-1. Hot oil causes severe burns.',
        ),
        ol(
          'Run the compressor loaded for about 10 minutes to warm up the oil, then stop it with the Stop key (O).',
          'Carry out the lockout procedure (see {{loto}}). Wait until gauge PI-1 shows 0 bar and the oil has cooled to 40 to 60 °C.',
          'Unscrew the oil filler plug (G 1") on top of the separator tank by one turn only. If air escapes, the tank is still under pressure: close the plug and wait.',
          'Connect the drain hose to the drain valve at the bottom of the separator tank and lead it into the used oil container. Open the drain valve.',
          'Remove the drain plug (G 1/4") at the lowest point of the oil cooler to drain the cooler.',
          'Replace the oil filter as described in section {{oil-filter}} while the oil drains.',
          'When no more oil flows, close the drain valve, remove the hose and refit the cooler drain plug with a new sealing ring. Tighten it to 20 Nm.',
          'Inspect the drained oil: metal particles, a burnt smell or sludge indicate a problem with the airend or the oil temperature.',
          'Remove the filler plug completely.',
          'Fill AeroLube S-46 through the filler opening until the level reaches the MAX mark in the sight glass (about 8.5 L after a normal drain, 9.5 L after a complete overhaul with dry airend and cooler).',
          'Check the O-ring of the filler plug, replace it if damaged, and tighten the plug to 40 Nm.',
          'Remove the lockout, start the compressor and let it run loaded for 5 minutes. Check for leaks at the filter, plugs and drain valve.',
          'Stop, wait 5 minutes and check the level again. Top up to the middle of the sight glass.',
          'Reset the Oil and Oil filter counters in the Service menu (see {{service-reset}}) and enter the oil change in the service record.',
        ),
        callout(
          'NOTICE',
          'Do not mix oils',
          'AeroLube S-46 must not be mixed with mineral oils or other brands. When changing from another oil, flush the machine: fill AeroLube S-46, run for 500 h, then change oil and oil filter again.',
        ),
        p('Used oil and oil filters are hazardous waste. Hand them to an approved waste oil collector.'),
      ],
    },
    {
      id: 'oil-filter',
      title: 'Oil filter replacement',
      blocks: [
        p(
          'Replace the spin-on oil filter AT-400-1031 after the first 500 h and then every 2,000 h, and at every oil change. The filter is mounted on the right-hand side of the separator tank bracket.',
        ),
        ol(
          'Carry out the lockout procedure (see {{loto}}) and confirm 0 bar on gauge PI-1.',
          'Place a tray under the filter. Loosen the filter with the strap wrench and unscrew it by hand. The filter contains about 0.6 L of oil.',
          'Clean the sealing face on the filter head with a lint-free cloth.',
          'Wet the rubber gasket of the new filter with a few drops of clean AeroLube S-46.',
          'Screw the new filter on by hand until the gasket touches the sealing face, then tighten it by a further three quarters of a turn by hand. Do not use the strap wrench to tighten.',
          'Start the compressor, check for leaks and check the oil level. Reset the Oil filter counter.',
        ),
      ],
    },
    {
      id: 'air-filter',
      title: 'Air filter element replacement',
      blocks: [
        p(
          'Replace the air filter element AT-400-1021 every 2,000 h, or earlier when warning W03 is shown because vacuum switch S5 signals more than 50 mbar. Paper elements cannot be cleaned: blowing them out damages the paper and lets dust into the airend.',
        ),
        ol(
          'Carry out the lockout procedure (see {{loto}}).',
          'Open the left side panel. Release the three clips of the filter housing cover and remove the cover.',
          'Pull the element out carefully, so that no dust falls into the clean side of the housing.',
          'Wipe the inside of the housing and the cover with a damp lint-free cloth. Do not blow compressed air into the inlet.',
          'Check the housing seal AT-400-1022 and replace it if it is hardened or cracked.',
          'Fit the new element, refit the cover with the dust outlet pointing down and close the three clips.',
          'Close the side panel, remove the lockout and reset the Air filter counter in the Service menu.',
        ),
        callout(
          'NOTICE',
          'Never run without the filter',
          'Running the compressor for even a short time without an air filter element lets dust into the airend and causes rapid rotor wear.',
        ),
      ],
    },
    {
      id: 'separator',
      title: 'Oil separator element replacement',
      blocks: [
        p(
          'Replace the oil separator element AT-400-1041 every 4,000 h, or earlier when warning W02 indicates a pressure difference above 0.8 bar. The element sits inside the separator tank under a bolted cover. At the same time clean the scavenge line strainer and the 1.2 mm orifice.',
        ),
        ol(
          'Carry out the lockout procedure (see {{loto}}), confirm 0 bar on PI-1 and let the tank cool to below 40 °C.',
          'Disconnect the scavenge line and the discharge pipe from the separator tank cover.',
          'Remove the eight M12 cover bolts and lift the cover off. Lift out the old element.',
          'Clean the sealing faces of the tank and cover. Do not let dirt fall into the tank.',
          'Insert the new element with its two gaskets. Do not remove the metal staples in the gaskets: they conduct static electricity from the element to the tank and prevent ignition of the oil mist.',
          'Refit the cover. Tighten the M12 bolts crosswise in three stages to a final torque of 70 Nm.',
          'Clean the scavenge strainer and the 1.2 mm orifice (AT-400-1141) in solvent and blow through them.',
          'Refit the scavenge line. The scavenge tube must end 3 to 5 mm above the bottom of the element: check this with the depth mark on the tube.',
          'Reconnect the discharge pipe, start the compressor and check for leaks. Reset the Separator counter.',
        ),
      ],
    },
    {
      id: 'belts',
      title: 'V-belt tension and replacement',
      blocks: [
        p(
          'The airend is driven by three SPA V-belts from the 200 mm motor pulley to the 100 mm airend pulley. Correct belt tension is essential: loose belts slip and wear, over-tensioned belts overload the motor and airend bearings (E01).',
        ),
        figure('belt-tension', 'Measuring the belt tension'),
        table(
          'Belt tension values (span 410 mm)',
          [
            { header: 'Belt condition', width: 34 },
            { header: 'Test force per belt', width: 22, align: 'center' },
            { header: 'Deflection', width: 20, align: 'center' },
            { header: 'Sonic frequency', width: 24, align: 'center' },
          ],
          [
            ['New belts (first 50 h)', '40 to 45 N', '6.5 mm', '88 to 96 Hz'],
            ['Run-in belts', '30 to 35 N', '6.5 mm', '75 to 82 Hz'],
          ],
        ),
        h('Checking the tension'),
        ol(
          'Carry out the lockout procedure (see {{loto}}) and remove the belt guard.',
          'Inspect the belts for cracks, frayed flanks and glazing. Replace the complete set if one belt is damaged.',
          'Apply the test force at the middle of the span, at right angles to the belt, and measure the deflection. Repeat for each belt.',
          'If the deflection at the test force is more than 6.5 mm, tension the belts.',
        ),
        h('Tensioning and replacing the belts'),
        ol(
          'Loosen the four M12 motor base bolts by one turn.',
          'Turn the tensioning screw clockwise to move the motor away from the airend and tension the belts (anticlockwise to release them for replacement).',
          'Fit new belts only as a complete matched set (AT-400-1051). Do not roll them over the pulley flanges.',
          'Check the pulley alignment with a straight edge across both pulley faces: the deviation must not exceed 0.5 mm.',
          'Set the tension to the value in the table, tighten the motor base bolts to 60 Nm and check the tension again.',
          'Refit the belt guard before removing the lockout. Re-tension new belts after 50 running hours.',
        ),
      ],
    },
    {
      id: 'condensate-drain',
      title: 'Condensate drain',
      blocks: [
        p(
          'The timer-controlled drain valve Y2 on the water separator opens every 180 s (P06) for 2 s (P07). The drain outlet is at the rear of the machine.',
        ),
        h('Daily check'),
        ol(
          'With the compressor running loaded, press the TEST button on the drain valve for 2 s.',
          'Condensate and air must discharge audibly at the drain outlet. If nothing comes out, clean the strainer.',
          'AC-400R: open the receiver drain valve slowly until only air comes out, then close it.',
        ),
        h('Cleaning the drain strainer (every 2,000 h)'),
        ol(
          'Carry out the lockout procedure (see {{loto}}) and confirm 0 bar.',
          'Unscrew the strainer cap under the drain valve body and pull out the 100 µm strainer screen (AT-400-1132).',
          'Clean the screen in warm water with detergent, or replace it if it is damaged.',
          'Refit the screen and cap with a new O-ring, hand tight.',
          'Start the compressor and test the drain with the TEST button.',
        ),
        callout(
          'CAUTION',
          'Condensate under pressure',
          'The drain discharges with full system pressure. Keep your hands and face away from the drain outlet and route the hose to a closed collecting vessel.',
        ),
      ],
    },
    {
      id: 'cooler-cleaning',
      title: 'Cleaning the cooler',
      blocks: [
        p(
          'The combined air/oil cooler sits under the top outlet grille. Dust and oil mist reduce its capacity and make the compressor overheat. Check the cooler every 500 h and clean it every 2,000 h, more often in dusty rooms.',
        ),
        ol(
          'Carry out the lockout procedure (see {{loto}}) and let the cooler cool down.',
          'Remove the top outlet grille (six screws).',
          'Blow through the cooler against the normal direction of the cooling air, i.e. from the top down, with compressed air of at most 6 bar and the nozzle at least 20 cm from the fins.',
          'Remove oily deposits with a cleaning agent approved for aluminium, then rinse with water. Protect the motor and electrical cabinet from spray.',
          'Straighten bent fins with a fin comb. Refit the grille.',
        ),
      ],
    },
    {
      id: 'safety-valve-test',
      title: 'Safety valve lift test',
      blocks: [
        p(
          'Test the safety valve every 2,000 h, and at least once a year, to make sure it is not stuck. The test is done with the compressor running loaded at a net pressure of at least 8 bar.',
        ),
        ol(
          'Put on hearing protection and safety glasses.',
          'With the compressor running loaded, pull the lifting ring of the safety valve for 2 to 3 s. The valve must blow off with a loud noise.',
          'Release the ring. The valve must close tightly at once.',
          'If the valve does not open, does not close or keeps leaking, stop the compressor and replace the valve (AT-400-1081).',
        ),
      ],
    },
    {
      id: 'motor-bearings',
      title: 'Motor bearings',
      blocks: [
        p(
          'The main motor has sealed, greased-for-life bearings: 6309-2Z/C3 at the drive end and 6209-2Z/C3 at the non-drive end. They need no greasing. Replace them after 20,000 h or earlier when the vibration exceeds 4.5 mm/s or the bearing noise increases. The fan motor bearings are also sealed for life.',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 10 Spare parts
// ---------------------------------------------------------------------------------------------

const partColumns: TableColumn[] = [
  { header: 'Part number', width: 18, bold: true },
  { header: 'Description', width: 52 },
  { header: 'Qty', width: 8, align: 'center' },
  { header: 'Notes', width: 22 },
];

const parts: Chapter = {
  id: 'parts',
  kind: 'chapter',
  number: '10',
  title: 'Spare parts',
  sections: [
    {
      id: 'ordering',
      title: 'Ordering spare parts',
      blocks: [
        p(
          'Order parts from Aerotech Service (parts@aerotech.example). State the model, the serial number of the machine, the part number, the description and the quantity. Parts marked "exchange" are supplied against return of the old part.',
        ),
        p('Qty is the quantity fitted per machine. Keep at least one 2,000 h service kit in stock.'),
      ],
    },
    {
      id: 'parts-service',
      title: 'Service parts and oil',
      blocks: [
        table('Service parts and oil', partColumns, [
          ['AT-400-1021', 'Air filter element', '1', 'Every 2,000 h'],
          ['AT-400-1022', 'Air filter housing seal', '1', 'As required'],
          ['AT-400-1031', 'Oil filter, spin-on', '1', '500 h, then 2,000 h'],
          ['AT-400-1041', 'Oil separator element with gaskets', '1', 'Every 4,000 h'],
          ['AT-400-1051', 'V-belt set, 3 × SPA, matched', '1 set', 'Every 4,000 h'],
          ['AT-400-1061', 'Thermostatic valve element, 71 °C', '1', 'Every 8,000 h'],
          ['AT-400-1071', 'Minimum pressure valve service kit, 4.5 bar', '1', 'Every 8,000 h'],
          ['AT-400-1081', 'Safety valve 11.0 bar, G 1/2", sealed', '1', 'As required'],
          ['AT-400-1091', 'Inlet valve service kit', '1', 'Every 8,000 h'],
          ['AT-400-1131', 'Condensate drain valve Y2, timer, 24 V AC', '1', 'As required'],
          ['AT-400-1132', 'Drain strainer screen, 100 µm', '1', 'As required'],
          ['AT-400-1141', 'Scavenge orifice 1.2 mm with strainer', '1', 'As required'],
          ['AT-400-2046', 'AeroLube S-46 synthetic compressor oil, 5 L can', '-', 'Oil change'],
          ['AT-400-2047', 'AeroLube S-46 synthetic compressor oil, 20 L can', '-', 'Oil change'],
        ]),
      ],
    },
    {
      id: 'parts-electrical',
      title: 'Electrical and control parts',
      blocks: [
        table('Electrical and control parts', partColumns, [
          ['AT-400-1201', 'AeroLogic 2 controller, programmed', '1', 'Quote serial no.'],
          ['AT-400-1202', 'Keypad membrane for AeroLogic 2', '1', ''],
          ['AT-400-1111', 'Net pressure transducer B1, 0 to 16 bar, 4 to 20 mA', '1', ''],
          ['AT-400-1112', 'Tank pressure transducer B3, 0 to 16 bar, 4 to 20 mA', '1', ''],
          ['AT-400-1121', 'Discharge temperature sensor B2, PT1000', '1', ''],
          ['AT-400-1123', 'Oil pressure switch S3, 1.5 bar', '1', ''],
          ['AT-400-1125', 'Air filter vacuum switch S5, 50 mbar', '1', ''],
          ['AT-400-1101', 'Inlet solenoid valve Y1, 24 V AC', '1', ''],
          ['AT-400-1211', 'Main contactor K1', '1', ''],
          ['AT-400-1212', 'Star contactor K2', '1', ''],
          ['AT-400-1213', 'Delta contactor K3', '1', ''],
          ['AT-400-1215', 'Overload relay F1, range 14 to 20 A', '1', 'Set to 16.0 A'],
          ['AT-400-1217', 'Motor protection switch Q2, 1.0 to 1.6 A', '1', 'Set to 1.1 A'],
          ['AT-400-1221', 'Control transformer T1, 400 V / 24 V, 160 VA', '1', ''],
          ['AT-400-1223', 'Phase monitoring relay K4', '1', ''],
          ['AT-400-1225', 'Emergency stop button S1', '1', ''],
          ['AT-400-1227', 'Door interlock switch S2', '1', ''],
        ]),
      ],
    },
    {
      id: 'parts-mechanical',
      title: 'Mechanical parts',
      blocks: [
        table('Mechanical parts', partColumns, [
          ['AT-400-3001', 'Airend, complete', '1', 'Exchange'],
          ['AT-400-3011', 'Main motor 15 kW, 4-pole, IE3', '1', ''],
          ['AT-400-3021', 'Cooling fan motor M2, 0.37 kW, with fan', '1', ''],
          ['AT-400-3031', 'Combined air/oil cooler', '1', ''],
          ['AT-400-3041', 'Motor pulley 200 mm, SPA, 3 grooves', '1', 'Taper bush 2012'],
          ['AT-400-3042', 'Airend pulley 100 mm, SPA, 3 grooves', '1', 'Taper bush 1610'],
          ['AT-400-3051', 'Anti-vibration mounts, set of 4', '1 set', ''],
          ['AT-400-3061', 'Blow-down valve with silencer', '1', ''],
          ['AT-400-3071', 'Flexible outlet hose G 1", 1 m', '1', ''],
          ['AT-400-3081', 'Oil sight glass with seals', '1', ''],
          ['AT-400-3091', 'Tank pressure gauge PI-1, 0 to 16 bar', '1', ''],
        ]),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 11 Electrical system
// ---------------------------------------------------------------------------------------------

const electrical: Chapter = {
  id: 'electrical',
  kind: 'chapter',
  number: '11',
  title: 'Electrical system and wiring notes',
  intro: [
    callout(
      'DANGER',
      'Work by qualified electricians only',
      'The electrical cabinet contains 400 V. Isolate, lock and test for absence of voltage before touching any conductor (see {{loto}}). The circuit diagram inside the cabinet door (drawing AT-E-400-01) is the reference for all wiring work.',
    ),
  ],
  sections: [
    {
      id: 'supply',
      title: 'Supply requirements',
      blocks: [
        ul(
          'Supply: 400 V ± 10 %, 3-phase, 50 Hz, TN or TT system. A neutral conductor is not required.',
          'Supply fuses: 50 A, class gG (time delay), or a circuit breaker with D characteristic.',
          'Where a residual current device is required, use a type B device with 300 mA rated residual current.',
          'Voltage imbalance between the phases must not exceed 2 %.',
        ),
        table(
          'Minimum copper cable cross-sections (4 cores incl. PE)',
          [
            { header: 'Cable length', width: 34 },
            { header: 'Cross-section', width: 33, align: 'center' },
            { header: 'Voltage drop at 29 A', width: 33, align: 'center' },
          ],
          [
            ['Up to 25 m', '6 mm²', 'below 1.5 %'],
            ['25 to 50 m', '10 mm²', 'below 1.7 %'],
            ['50 to 80 m', '16 mm²', 'below 1.8 %'],
          ],
        ),
      ],
    },
    {
      id: 'power-circuit',
      title: 'Power circuit',
      blocks: [
        p(
          'Main isolator Q1 feeds the main motor M1 through the star-delta contactor combination K1 (main), K2 (star) and K3 (delta). Overload relay F1 is in the motor phase branch after K1, so it carries the phase current of the delta winding: it is set to **16.0 A**, i.e. 0.58 × the rated current of 27.5 A. Never set F1 to the full rated current.',
        ),
        p(
          'K2 and K3 are mechanically and electrically interlocked. The controller inserts a 50 ms pause between opening K2 and closing K3 so that no short circuit can occur across the arc of the opening contactor.',
        ),
        p(
          'The cooling fan motor M2 is connected directly on line through motor protection switch Q2, set to 1.1 A. The fan runs whenever the main motor runs.',
        ),
      ],
    },
    {
      id: 'control-circuit',
      title: 'Control circuit',
      blocks: [
        p(
          'Control transformer T1 (400 V / 24 V AC, 160 VA) supplies the controller, the contactor coils and the solenoid valves. Fuse F2 (2 A) protects the primary side, fuse F3 (6.3 A) the secondary side. The 0 V side of the secondary winding is earthed.',
        ),
        p(
          'The emergency stop circuit is hard-wired: S1 and the external emergency stop loop at X2:3-4 interrupt the coil supply of K1, K2 and K3 directly, independently of the controller. A contact of S1 is also read by the controller to display E02.',
        ),
      ],
    },
    {
      id: 'designations',
      title: 'Component designations',
      blocks: [
        table(
          'Electrical components',
          [
            { header: 'Item', width: 10, bold: true },
            { header: 'Component', width: 42 },
            { header: 'Setting / rating', width: 48 },
          ],
          [
            ['Q1', 'Main isolator, lockable', '63 A, 3-pole'],
            ['K1, K2, K3', 'Main, star and delta contactors', 'Coils 24 V AC'],
            ['K4', 'Phase monitoring relay', 'Phase failure and sequence'],
            ['F1', 'Overload relay, main motor', '16.0 A'],
            ['Q2', 'Motor protection switch, fan motor', '1.1 A'],
            ['F2, F3', 'Fuses of control transformer T1', '2 A primary, 6.3 A secondary'],
            ['M1', 'Main motor, with PTC thermistors', '15 kW, 27.5 A'],
            ['M2', 'Cooling fan motor', '0.37 kW, 0.95 A'],
            ['B1', 'Net pressure transducer', '0 to 16 bar, 4 to 20 mA'],
            ['B2', 'Discharge temperature sensor', 'PT1000'],
            ['B3', 'Tank pressure transducer', '0 to 16 bar, 4 to 20 mA'],
            ['S1', 'Emergency stop', '2 NC contacts'],
            ['S2', 'Door interlock, front service door', '1 NC contact'],
            ['S3', 'Oil pressure switch', 'Closes above 1.5 bar'],
            ['S5', 'Air filter vacuum switch', 'Opens above 50 mbar'],
            ['Y1', 'Inlet solenoid valve', '24 V AC, energised = loaded'],
            ['Y2', 'Condensate drain valve', '24 V AC'],
          ],
        ),
      ],
    },
    {
      id: 'terminals',
      title: 'Customer terminal strip X2',
      blocks: [
        table(
          'Terminal strip X2',
          [
            { header: 'Terminals', width: 16, bold: true },
            { header: 'Function', width: 52 },
            { header: 'Rating', width: 32 },
          ],
          [
            ['X2:1-2', 'Remote start/stop (P08 = Remote X2). Closed = run, open = stop.', 'Potential-free contact, 24 V AC, 10 mA'],
            ['X2:3-4', 'External emergency stop loop. Link fitted at the factory.', 'NC contact, 24 V AC'],
            ['X2:5-6', 'General fault output. Closed when no shutdown fault is active.', 'Relay, 250 V AC, 2 A'],
            ['X2:7-8', 'Running output. Closed while the motor runs.', 'Relay, 250 V AC, 2 A'],
            ['X2:9-10', 'Modbus RTU, RS-485 (9 = A, 10 = B), 9600 baud, 8E1', 'Shielded twisted pair'],
          ],
        ),
        callout(
          'NOTICE',
          'Signal cables',
          'Route the Modbus and remote control cables separately from power cables and earth the shield at the controller end only. Fit a 120 ohm terminating resistor at the end of the RS-485 line.',
        ),
      ],
    },
    {
      id: 'wire-colours',
      title: 'Wire colours',
      blocks: [
        table(
          'Wire colour code in the electrical cabinet',
          [
            { header: 'Colour', width: 30 },
            { header: 'Circuit', width: 70 },
          ],
          [
            ['Black', 'Power circuit 400 V AC'],
            ['Red', 'Control circuit 24 V AC'],
            ['Red / white', 'Control circuit 0 V (earthed)'],
            ['Orange', 'Circuits that stay live when Q1 is off (external supply, e.g. fault relay contacts)'],
            ['Grey, shielded', 'Analogue signals of B1, B2 and B3'],
            ['Green / yellow', 'Protective earth'],
          ],
        ),
      ],
    },
    {
      id: 'sensor-values',
      title: 'Sensor test values',
      blocks: [
        p(
          'The pressure transducers B1 and B3 deliver 4 mA at 0 bar and 20 mA at 16 bar, i.e. 1 mA per bar. At the factory unload pressure of 9.5 bar, B1 delivers 13.5 mA. Measure the loop current in series with the transducer.',
        ),
        table(
          'Resistance of the PT1000 temperature sensor B2 (disconnected)',
          [
            { header: 'Temperature', width: 50, align: 'center' },
            { header: 'Resistance', width: 50, align: 'center' },
          ],
          [
            ['0 °C', '1,000 ohm'],
            ['25 °C', '1,097 ohm'],
            ['80 °C', '1,309 ohm'],
            ['100 °C', '1,385 ohm'],
            ['110 °C', '1,423 ohm'],
          ],
        ),
        p(
          'The motor thermistors (three PTC sensors in series) measure below 750 ohm when cold. The controller trips with E04 above 3.6 kohm and allows a reset below 1.8 kohm.',
        ),
      ],
    },
    {
      id: 'electrical-maintenance',
      title: 'Electrical maintenance',
      blocks: [
        ul(
          'Every 2,000 h: retighten the power terminals of Q1 (2.5 Nm) and of K1, K2, K3 and F1 (2.0 Nm). Control terminals are spring terminals and need no retightening.',
          'Check contactor contacts for burn marks when E01 or E23 has occurred.',
          'Before an insulation test of the motor, disconnect the controller, the phase monitoring relay K4 and all sensors. The insulation resistance of the motor winding against earth must be at least 1 megohm at 500 V DC.',
          'Keep the cabinet filter mat clean; replace it when clogged.',
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 12 Decommissioning
// ---------------------------------------------------------------------------------------------

const decommissioning: Chapter = {
  id: 'decommissioning',
  kind: 'chapter',
  number: '12',
  title: 'Decommissioning, storage and disposal',
  sections: [
    {
      id: 'temporary-shutdown',
      title: 'Temporary shutdown',
      blocks: [
        p(
          'For a shutdown of up to 3 months, stop the compressor with the Stop key, switch off and lock Q1, close the outlet isolation valve and drain the condensate. If the room can fall below +5 °C, drain the water separator and the receiver completely to prevent frost damage.',
        ),
      ],
    },
    {
      id: 'storage',
      title: 'Long-term storage',
      blocks: [
        p('For storage longer than 3 months:'),
        ol(
          'Run the compressor loaded for 30 minutes to drive out water from the oil.',
          'Isolate and depressurise (see {{loto}}). Drain all condensate.',
          'Release the belt tension to protect the belts and bearings.',
          'Seal the air inlet, the cooling air openings and the outlet with plastic foil and tape.',
          'Store the machine dry and frost-protected, at -20 to +50 °C. Place a bag of desiccant in the canopy.',
          'Every 3 months, turn the airend by hand a few revolutions using the belt drive.',
        ),
      ],
    },
    {
      id: 'recommissioning',
      title: 'Recommissioning after storage',
      blocks: [
        ol(
          'Remove the seals and the desiccant bag.',
          'If the machine was stored longer than 12 months, change the oil and the oil filter before the first start.',
          'Check the insulation resistance of the motor (at least 1 megohm, see section {{electrical-maintenance}}).',
          'Tension the belts, check the oil level and carry out the initial start-up checks (see {{commissioning}}).',
        ),
      ],
    },
    {
      id: 'final-decommissioning',
      title: 'Final decommissioning',
      blocks: [
        ol(
          'Stop the compressor, carry out the lockout procedure and confirm 0 bar.',
          'Have an electrician disconnect the supply cable at the upstream disconnect and then at Q1.',
          'Disconnect the compressed air and condensate lines.',
          'Drain all the oil from the separator tank and the cooler into suitable containers. Remove the oil filter and the separator element.',
          'Remove the AC-400R receiver from service according to local pressure vessel regulations.',
          'Transport the machine to the disposal company with a forklift (see {{transport}}).',
        ),
      ],
    },
    {
      id: 'disposal',
      title: 'Disposal',
      blocks: [
        p('Dispose of the machine according to local environmental regulations. Separate the materials for recycling:'),
        table(
          'Disposal of materials',
          [
            { header: 'Material / component', width: 40 },
            { header: 'Disposal route', width: 60 },
          ],
          [
            ['Used oil, oil filter, separator element', 'Hazardous waste: approved waste oil collector'],
            ['Condensate', 'Oil/water separator, then sewer if the local limit values are met'],
            ['Steel (frame, canopy, separator tank)', 'Metal recycling'],
            ['Aluminium (cooler, airend housing)', 'Metal recycling, after cleaning off oil residues'],
            ['Electric motors, cables', 'Copper recycling / electrical waste'],
            ['Controller, sensors, contactors', 'Electronic waste (WEEE)'],
            ['Rubber and plastics (belts, hoses, mounts)', 'Residual waste or thermal recycling'],
          ],
        ),
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Appendices
// ---------------------------------------------------------------------------------------------

const torques: Chapter = {
  id: 'torques',
  kind: 'appendix',
  number: 'A',
  title: 'Tightening torques',
  sections: [
    {
      id: 'torque-table',
      title: 'Tightening torques',
      blocks: [
        p('Use a calibrated torque wrench. The values apply to lightly oiled threads, strength class 8.8, unless stated otherwise.'),
        table(
          'Tightening torques',
          [
            { header: 'Joint', width: 60 },
            { header: 'Thread', width: 18, align: 'center' },
            { header: 'Torque', width: 22, align: 'center' },
          ],
          [
            ['Oil filler plug, separator tank', 'G 1"', '40 Nm'],
            ['Oil cooler drain plug (new sealing ring)', 'G 1/4"', '20 Nm'],
            ['Separator tank cover bolts (crosswise, 3 stages)', 'M12', '70 Nm'],
            ['Motor base bolts', 'M12', '60 Nm'],
            ['Airend mounting bolts', 'M16', '195 Nm'],
            ['Anti-vibration mount nuts', 'M10', '35 Nm'],
            ['Taper bush 2012, motor pulley', '-', '31 Nm'],
            ['Taper bush 1610, airend pulley', '-', '20 Nm'],
            ['Power terminals of Q1', '-', '2.5 Nm'],
            ['Power terminals of K1, K2, K3, F1', '-', '2.0 Nm'],
          ],
        ),
      ],
    },
  ],
};

const serviceRecord: Chapter = {
  id: 'service-record',
  kind: 'appendix',
  number: 'B',
  title: 'Service record',
  sections: [
    {
      id: 'service-log',
      title: 'Service log',
      blocks: [
        p('Record every service, repair and fault here, and keep the record with the machine.'),
        p('Machine serial number: ______________________      Commissioning date: ______________'),
        table(
          'Service log',
          [
            { header: 'Date', width: 13 },
            { header: 'Hours', width: 11 },
            { header: 'Work carried out', width: 38 },
            { header: 'Parts used', width: 22 },
            { header: 'Name', width: 16 },
          ],
          Array.from({ length: 22 }, () => ['', '', '', '', '']),
        ),
      ],
    },
  ],
};

export const manual: Manual = {
  title: 'Aerotech AC-400 Rotary Screw Air Compressor — Service Manual',
  brand: 'AEROTECH',
  model: 'AC-400',
  machine: 'Rotary Screw Air Compressor',
  kind: 'Service Manual',
  documentNumber: 'AT-SM-400-EN',
  revision: 'Rev. B',
  issueDate: 'March 2024',
  publisher: 'Aerotech Compressor Systems',
  cover: [
    { label: 'Models', value: 'AC-400, AC-400R' },
    { label: 'Motor', value: '15 kW, 400 V, 3-phase, 50 Hz' },
    { label: 'Maximum pressure', value: '10 bar(g)' },
    { label: 'Valid from serial no.', value: 'AC400-2301-00001' },
    { label: 'Document', value: 'AT-SM-400-EN, Rev. B, March 2024' },
    { label: 'Language', value: 'English (original instructions)' },
  ],
  coverNotice:
    'Demonstration document. Aerotech, the AC-400 compressor and all data, part numbers and contacts in this manual are fictional; they were written to demonstrate the Fixline support tool. Do not use this manual to service real equipment.',
  chapters: [
    introduction,
    safety,
    specifications,
    installation,
    controller,
    codes,
    troubleshooting,
    schedule,
    procedures,
    parts,
    electrical,
    decommissioning,
    torques,
    serviceRecord,
  ],
};
