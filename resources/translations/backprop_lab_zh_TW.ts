<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="+37"/>
        <source>Starting from random weights instead.</source>
        <extracomment>The lesson&apos;s defaults for training on from the pretrained weights: plain gradient descent. Shown after the reason the pretrained model could not be loaded.</extracomment>
        <translation>改用隨機權重從頭開始。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Backprop Lab</source>
        <translation>反向傳播實驗室</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <location filename="../../app/ui/controls.py" line="+187"/>
        <source>Training</source>
        <extracomment>Speed limits in steps per second; None = as fast as the machine goes.</extracomment>
        <translation>訓練</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train continuously (Space). Press again to pause.</source>
        <translation>連續訓練（空白鍵）。再按一次就暫停。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take one step (→): one example, one mini-batch, or the rest of the epoch.</source>
        <translation>走一步（→）：一個樣本、一個小批次，或這個訓練週期剩下的全部。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each step learns from</source>
        <translation>每一步學習</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one example</source>
        <translation>一個樣本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one mini-batch</source>
        <translation>一個小批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one epoch</source>
        <translation>一個訓練週期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much one Step learns from.</source>
        <translation>每按一次「走一步」要學習多少資料。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed limit: slow motion for explaining, or full speed.</source>
        <translation>速度上限：講解時用慢動作，或全速訓練。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start again from random (seeded) weights: the untrained network.</source>
        <translation>從隨機（固定種子）權重重新開始：回到還沒訓練的網路。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hyperparameters</source>
        <translation>超參數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>學習率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate η: how far each step moves. Too small crawls; too large overshoots. Try 10 and watch the loss.</source>
        <translation>學習率 η：每一步走多遠。太小走得很慢；太大會衝過頭。試試 10，看看損失怎麼變。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Examples averaged per step. 1 is noisy; larger is smoother but slower.</source>
        <translation>每一步平均幾個樣本。1 起伏很大；越大越平穩，但越慢。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimizer</source>
        <translation>最佳化器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>動量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How a gradient becomes a change of the weights.</source>
        <translation>梯度怎麼變成權重的改變量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How each hidden neuron squashes its weighted sum.</source>
        <translation>每個隱藏層神經元怎麼壓縮它的加權總和。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>損失函數</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>squared error (sigmoid outputs)</source>
        <translation>平方誤差（sigmoid 輸出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cross-entropy (softmax outputs)</source>
        <translation>交叉熵（softmax 輸出）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How wrong an answer counts.</source>
        <translation>答錯的程度怎麼計算。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layers</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+88"/>
        <source>Neurons in this hidden layer (1–128).</source>
        <translation>這個隱藏層的神經元數（1–128）。</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>+ layer</source>
        <translation>+ 一層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a hidden layer (up to 4).</source>
        <translation>新增一個隱藏層（最多 4 層）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− layer</source>
        <translation>− 一層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the last hidden layer.</source>
        <translation>移除最後一個隱藏層。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply layers…</source>
        <translation>套用隱藏層…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebuild the network with these hidden layers (asks first: weights reset).</source>
        <translation>用這些隱藏層重建網路（會先詢問：權重將重設）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n step(s)/s</source>
        <translation>
            <numerusform>每秒 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 weights and biases</source>
        <translation>%1 個權重和偏差</translation>
    </message>
</context>
<context>
    <name>DescentPanel</name>
    <message>
        <location filename="../../app/ui/descent_panel.py" line="+46"/>
        <source>Gradient descent, last step: change = η × (−gradient)</source>
        <translation>梯度下降的上一步：改變量 = η × (−梯度)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(1) value</source>
        <translation>（1）值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The weight&apos;s current value</source>
        <translation>權重目前的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(2) gradient</source>
        <translation>（2）梯度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How the loss changes as this weight grows</source>
        <translation>這個權重變大時，損失怎麼變化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(3) η</source>
        <translation>（3）η</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(4) change</source>
        <translation>（4）改變量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The change: η × (−gradient)</source>
        <translation>改變量：η × (−梯度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(5) new value</source>
        <translation>（5）新值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The new value: value + change</source>
        <translation>新值：值 + 改變量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take a step to see the five numbers. Click an edge in the graph to watch it.</source>
        <translation>走一步就會看到這五個數字。點選網路圖中的一條連線來觀察它。</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <location filename="../../app/ui/drawing_pad.py" line="+125"/>
        <source>Drawing pad</source>
        <extracomment>Side of the paper in canvas pixels: MNIST&apos;s 28 × 10. MNIST scaled every digit into a 20×20 box inside its 28×28 field; ×10 that is a 200 px box with a 40 px margin. The guide shows it, so a digit drawn inside it is about MNIST&apos;s size. MNIST strokes are 2–3 px wide on a 20 px tall digit. A digit drawn to fill the 200 px guide is scaled by 20/200 on its way to the network, so 20 px here arrives as MNIST&apos;s 2 px, and the grey edges from anti-aliasing widen it towards MNIST&apos;s median of 2.6. At most ~60 ``drawing_changed`` a second while a stroke is drawn: a screen refreshes no faster, and a 1 kHz mouse would otherwise run the network a thousand times a second. Points closer than this (canvas px) to the previous one add nothing visible and only make the stroke slower to paint again. The eraser end of a pen is wider than the ink: rubbing out should be easier than drawing.</extracomment>
        <translation>手寫板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke</source>
        <translation>復原上一筆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the pad (Esc)</source>
        <translation>清除手寫板（Esc）</translation>
    </message>
    <message>
        <location line="+345"/>
        <source>Draw a digit here</source>
        <translation>在這裡寫一個數字</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <location filename="../../app/ui/landscape_view.py" line="+40"/>
        <source>path so far</source>
        <translation>目前為止的路徑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>動量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>too small</source>
        <extracomment>The lesson&apos;s learning-rate regimes (``LessonPreset.learning_rate_regimes``), by name.</extracomment>
        <translation>太小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>good</source>
        <translation>剛好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>far too large</source>
        <translation>大太多</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>direction 1</source>
        <extracomment>Axis names the planes give (``app.core.landscape``): the random plane&apos;s, and the PCA plane&apos;s with the share of the movement each direction explains.</extracomment>
        <translation>方向 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>Two chosen weights</source>
        <translation>選定的兩個權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random directions (Li et al.)</source>
        <translation>隨機方向（Li 等人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main directions of the path (PCA)</source>
        <translation>路徑的主要方向（PCA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lesson: a model of two weights</source>
        <translation>課堂範例：只有兩個權重的模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Which slice of the loss to draw. Click two edges in the graph to choose the two weights.</source>
        <translation>要畫出損失的哪一個切面。在網路圖中點選兩條連線，選出那兩個權重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute</source>
        <translation>重新計算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid</source>
        <translation>網格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid points along each axis.</source>
        <translation>每個軸上的網格點數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>範圍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far the map reaches from the current point.</source>
        <translation>地形圖從目前的點往外延伸多遠。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample</source>
        <translation>樣本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training examples the loss is averaged over (a fixed sample: no flicker).</source>
        <translation>損失對幾個訓練樣本取平均（樣本固定，畫面不會閃動）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log</source>
        <translation>對數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by the logarithm of the loss.</source>
        <translation>依損失的對數上色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate η for the lesson: too small crawls, too large zig-zags.</source>
        <translation>課堂範例的學習率 η：太小走得很慢，太大會來回震盪。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set η = %1</source>
        <translation>設定 η = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare optimizers</source>
        <translation>比較最佳化器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gradient descent, momentum and Adam from the same start, on one map.</source>
        <translation>梯度下降、動量和 Adam 從同一個起點出發，畫在同一張圖上。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>PC %1 (%2 of the movement)</source>
        <translation>主成分 %1（占移動量的 %2）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PC %1 (%2)</source>
        <translation>主成分 %1（%2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1. current (%1) = %2</source>
        <translation>1. 目前的 (%1) = %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. gradient = %1; negative gradient = %2</source>
        <translation>2. 梯度 = %1；負梯度 = %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>3. learning rate η = %1</source>
        <translation>3. 學習率 η = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. change = %1</source>
        <translation>4. 改變量 = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5. new (%1) = %2</source>
        <translation>5. 新的 (%1) = %2</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The loss is not finite anywhere on this map.</source>
        <translation>這張地形圖上每一點的損失都不是有限值。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>log₁₀ loss</source>
        <translation>log₁₀ 損失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open this tab to compute the landscape.</source>
        <translation>打開這個分頁就會計算損失地形。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yellow: downhill (−gradient) direction. Red: the next step, η × −gradient.</source>
        <translation>黃色：下坡（−梯度）方向。紅色：下一步，η × −梯度。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(%1 s)</source>
        <translation>（%1 秒）</translation>
    </message>
</context>
<context>
    <name>LossPlotView</name>
    <message>
        <location filename="../../app/ui/loss_plot.py" line="+183"/>
        <source>training loss, each step</source>
        <translation>訓練損失（每一步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss, smoothed</source>
        <translation>訓練損失（平滑後）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss, each epoch</source>
        <translation>驗證損失（每個訓練週期）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loss (lower is better)</source>
        <translation>損失（越低越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>accuracy %</source>
        <translation>準確率 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Play or Step: the loss appears here</source>
        <translation>按「播放」或「走一步」，損失就會出現在這裡</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+88"/>
        <source>bundled MNIST 5k</source>
        <extracomment>While training, the loss landscape is recomputed at most this often (and only when visible). While training runs flat out, the weights move imperceptibly between frames; redrawing all 12,960 edges (~30 ms a frame, measured) at 10 Hz keeps the window responsive. Paused or stepping, every snapshot is drawn at once. The loss curve is a trend: a few updates a second read the same and cost far less. After a frame that took t, wait at least t × this before the next one, so the GUI thread is idle at least half the time and input (drawing, keys) is never queued behind frames. Names of the datasets ``app.data`` makes, translated where they are shown.</extracomment>
        <translation>內建 MNIST 5k</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Backprop Lab · 反向傳播實驗室</source>
        <translation>反向傳播實驗室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss landscape</source>
        <translation>損失地形</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Change the network?</source>
        <translation>要改變網路嗎？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network becomes %1 with %2 weights and biases. This starts again from random weights. Continue?</source>
        <translation>網路將變成 %1，共有 %2 個權重和偏差，並從隨機權重重新開始。要繼續嗎？</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Added your drawing as a %1 to the training data.</source>
        <translation>已把你寫的字當作「%1」加入訓練資料。</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Click two edges in the graph to choose two weights.</source>
        <translation>在網路圖中點選兩條連線，選出兩個權重。</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Data: %1 (%2 training)</source>
        <translation>資料：%1（%2 筆訓練）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step %1 · epoch %2</source>
        <translation>第 %1 步 · 第 %2 個訓練週期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 steps/s</source>
        <translation>每秒 %1 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss %1</source>
        <translation>損失 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>validation accuracy %1</source>
        <translation>驗證準確率 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restore the weights from step %1</source>
        <translation>還原第 %1 步的權重</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the loss exploded at step %1 (the numbers overflowed).</source>
        <translation>損失在第 %1 步爆炸了（數值溢位）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the loss exploded at step %1 (from %2 to %3 on a fixed sample).</source>
        <translation>損失在第 %1 步爆炸了（在固定樣本上從 %2 升到 %3）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The learning rate is too large: %1 Training paused. Lower the learning rate, or restore the weights from before it happened.</source>
        <translation>學習率太大：%1訓練已暫停。請調低學習率，或還原爆炸之前的權重。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Session saved automatically</source>
        <translation>已自動儲存工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restore the last session?</source>
        <translation>要還原上次的工作階段嗎？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab did not close normally last time. Restore the session saved at %1 (weights, settings, history and the class&apos;s drawings)?</source>
        <translation>反向傳播實驗室上次沒有正常關閉。要還原 %1 儲存的工作階段（權重、設定、訓練紀錄和全班寫的字）嗎？</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open session…</source>
        <translation>開啟工作階段(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save session…</source>
        <translation>儲存工作階段(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load MNIST &amp;folder…</source>
        <translation>載入 MNIST 資料夾(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Download full MNIST…</source>
        <translation>下載完整 MNIST(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export graph as PNG or SVG…</source>
        <translation>將網路圖匯出為 PNG 或 SVG(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;loss plot as PNG or SVG…</source>
        <translation>將損失曲線匯出為 PNG 或 SVG(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Training</source>
        <translation>訓練(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play / Pause (Space)</source>
        <translation>播放／暫停（空白鍵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step (→)</source>
        <translation>走一步（→）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>鍵盤快速鍵（F1）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Open session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>Backprop Lab model (*.npz)</source>
        <translation>反向傳播實驗室模型 (*.npz)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Cannot open this file</source>
        <translation>無法開啟這個檔案</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder with MNIST IDX files</source>
        <translation>含有 MNIST IDX 檔案的資料夾</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot use this folder</source>
        <translation>無法使用這個資料夾</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.svg)</source>
        <translation>圖片 (*.png *.svg)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Downloading MNIST (about 11 MB)…</source>
        <translation>正在下載 MNIST（約 11 MB）…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Downloading %1…</source>
        <translation>正在下載 %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Download failed</source>
        <translation>下載失敗</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Still busy</source>
        <translation>仍在忙碌中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training did not stop in time; try again.</source>
        <translation>訓練沒有及時停止，請再試一次。</translation>
    </message>
</context>
<context>
    <name>NetworkGraphView</name>
    <message>
        <location filename="../../app/ui/network_graph.py" line="+422"/>
        <location line="+410"/>
        <source>Waiting for the network…</source>
        <extracomment>Magnitude levels per sign; level 0 is the faintest. Edge magnitudes are divided by this percentile of their weight layer&apos;s |values|, so one outlier does not make every other edge invisible. Up to this many shown edges a weight layer gets opaque pens, wider for strong edges. While training runs, a weight layer with more edges than this (the 784-input fan: 12,544) shows only its strongest STRONGEST_PERCENT_WHILE_RUNNING % (see _render_edges). A weight layer showing more edges than this gets a lower opacity ceiling (see _pen_style). More round nodes than this in one column stop being legible; such a layer is cut. How many nodes a cut layer still shows (the rest of its slots hold the &quot;… N more&quot; label). An input layer up to this size is drawn whole, as touching cells (the unrolled image). How close (in screen pixels) the cursor must be to an edge or node to pick it.</extracomment>
        <translation>正在等待網路…</translation>
    </message>
    <message>
        <location line="-403"/>
        <source>Edges show:</source>
        <translation>連線顯示：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradients (last step)</source>
        <translation>梯度（上一步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change (last step)</source>
        <translation>改變量（上一步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Strongest:</source>
        <translation>只看最強的：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only this share of edges, the largest ones</source>
        <translation>只顯示這個比例的連線，也就是數值最大的那些</translation>
    </message>
    <message>
        <location line="+337"/>
        <source>28 × 28 pixels</source>
        <translation>28 × 28 像素</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input {n}</source>
        <translation>輸入層 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output {n}</source>
        <translation>輸出層 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden {n}</source>
        <translation>隱藏層 {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>… {n} more</source>
        <translation>… 還有 {n} 個</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No training step yet.
The gradients appear after the first step.</source>
        <translation>還沒有訓練任何一步。
走完第一步就會顯示梯度。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No training step yet.
The changes appear after the first step.</source>
        <translation>還沒有訓練任何一步。
走完第一步就會顯示改變量。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient of the last step</source>
        <translation>上一步的梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change of the last step</source>
        <translation>上一步的改變量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>negative</source>
        <translation>負</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>input fan: strongest {p} % while training</source>
        <translation>訓練中，輸入層只畫最強的 {p} % 連線</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edges show the {what}; stronger = darker</source>
        <translation>連線顯示{what}；越強顏色越深</translation>
    </message>
    <message>
        <location line="+287"/>
        <source>Input</source>
        <translation>輸入層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output</source>
        <translation>輸出層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden layer</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layer {n}</source>
        <translation>隱藏層 {n}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Input pixel {i} (row {r}, column {c})</source>
        <translation>輸入像素 {i}（列 {r}，行 {c}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Output: digit {d}</source>
        <translation>輸出：數字 {d}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{layer} · neuron {i}</source>
        <translation>{layer} · 神經元 {i}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no input to show</source>
        <translation>沒有可顯示的輸入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>value a = {v}</source>
        <translation>值 a = {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weighted sum z = {v}</source>
        <translation>加權總和 z = {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bias b = {v}</source>
        <translation>偏差 b = {v}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What it looks for: blue +, orange −</source>
        <translation>它在找什麼：藍色 +，橘色 −</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>weight {v}</source>
        <translation>權重 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no step yet</source>
        <translation>還沒有走任何一步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>last gradient {v}</source>
        <translation>上一步的梯度 {v}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last change {v}</source>
        <translation>上一步的改變量 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>click to choose</source>
        <translation>點一下來選取</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pixel ({r}, {c})</source>
        <translation>像素 ({r}, {c})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>digit {d}</source>
        <translation>數字 {d}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{layer} #{i}</source>
        <translation>{layer} #{i}</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <location filename="../../app/ui/prediction_view.py" line="+138"/>
        <source>Teach it: this is a</source>
        <translation>教它：這是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach it</source>
        <translation>教它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train the network on this drawing as the digit chosen below</source>
        <translation>把這個手寫字當作下面選的數字，拿來訓練網路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a {0}</source>
        <translation>這是 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the network reads</source>
        <translation>網路讀到的答案</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing drawn</source>
        <translation>還沒有寫字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads {0} ({1})</source>
        <translation>讀成 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The network reads</source>
        <translation>網路讀成</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Draw a digit</source>
        <translation>寫一個數字</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>label: {0}</source>
        <translation>標籤：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What the network sees (28×28)</source>
        <translation>網路看到的（28×28）</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../app/ui/shortcut_sheet.py" line="+23"/>
        <source>Space</source>
        <translation>空白鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play or pause training</source>
        <translation>開始或暫停訓練</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One step (of the size chosen below)</source>
        <translation>走一步（大小依「每一步學習」的設定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps learn from one example</source>
        <translation>每一步從一個樣本學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps learn from one mini-batch</source>
        <translation>每一步從一個小批次學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps learn from one epoch</source>
        <translation>每一步從一個訓練週期學習</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss curve</source>
        <translation>顯示損失曲線</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss landscape</source>
        <translation>顯示損失地形</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Esc or Delete</source>
        <translation>Esc 或刪除鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the drawing pad</source>
        <translation>清除畫板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke</source>
        <translation>復原上一筆</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This sheet</source>
        <translation>這張說明表</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every lesson action works from the keyboard. F1 shows this sheet again.</source>
        <translation>上課的每個動作都能用鍵盤完成。按 F1 可再次顯示這張表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
</TS>
